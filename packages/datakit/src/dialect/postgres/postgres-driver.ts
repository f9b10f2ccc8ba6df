import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin, to as copyToStdout } from 'pg-copy-streams';
import type { Connection, QueryResult, StreamOptions } from '../connection.js';
import type { Dialect } from '../dialect.js';
import type { ConnectionUrl } from '../parse-connection-url.js';
import { queryError } from '../query-error.js';
import { isNetworkError, unreachableError } from '../unreachable-error.js';
import { postgresConnectError } from './postgres-connect-error.js';
import { trimStatement } from './trim-statement.js';

let cursorSeq = 0;

const INTERVAL = 1186;
// Intervals as PostgreSQL's text (`1 day 02:00:00`), as PGlite returns them, not pg's object.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INTERVAL && format !== 'binary'
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * A {@link Connection} over node-postgres: a pool at the top level, one pooled client inside a
 * transaction (nested transactions become savepoints). Streams read through a server-side
 * cursor; `copyFrom`/`copyTo` use pg-copy-streams with backpressure.
 *
 * @example
 * ```ts
 * const conn = await PostgresConnection.open(parseConnectionUrl('postgres://postgres@127.0.0.1/test'), postgresDialect);
 * await conn.transaction(async (tx) => tx.copyFrom!('copy t from stdin', chunks));
 * ```
 */
export class PostgresConnection implements Connection {
  readonly dialect: Dialect;
  readonly target: string;
  readonly #url: ConnectionUrl;
  readonly #pool: pg.Pool;
  readonly #client: pg.PoolClient | undefined;
  readonly #depth: number;

  private constructor(
    dialect: Dialect,
    url: ConnectionUrl,
    pool: pg.Pool,
    client?: pg.PoolClient,
    depth = 0,
  ) {
    this.dialect = dialect;
    this.#url = url;
    this.#pool = pool;
    this.#client = client;
    this.#depth = depth;
    this.target = `postgres://${url.user ? `${url.user}@` : ''}${url.host}:${url.port}/${url.database ?? ''}`;
  }

  /** Opens a pool and checks that one client can connect (so bad URLs fail here, clearly). */
  static async open(url: ConnectionUrl, dialect: Dialect): Promise<PostgresConnection> {
    const max = Number(new URL(url.url).searchParams.get('max') ?? 10);
    const pool = new pg.Pool({ connectionString: url.url, connectionTimeoutMillis: 15_000, max, types });
    // An idle client dropped by the server must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    try {
      const client = await pool.connect();
      client.release();
    } catch (err) {
      await pool.end().catch(() => {});
      throw postgresConnectError(url, err);
    }
    return new PostgresConnection(dialect, url, pool);
  }

  async query<R = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<QueryResult<R>> {
    try {
      const result = await (this.#client ?? this.#pool).query(sql, params as unknown[]);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    } catch (err) {
      throw this.#error(sql, err);
    }
  }

  async *stream<R = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
    options: StreamOptions = {},
  ): AsyncIterable<R[]> {
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
    const own = this.#client === undefined;
    const client = this.#client ?? (await this.#connect());
    const cursor = `datakit_cursor_${++cursorSeq}`;
    let done = false;
    let broken = false;
    try {
      if (own) await client.query('BEGIN');
      await client.query(
        `DECLARE "${cursor}" NO SCROLL CURSOR FOR ${trimStatement(sql)}`,
        params as unknown[],
      );
      for (;;) {
        const { rows } = await client.query(`FETCH ${batchSize} FROM "${cursor}"`);
        if (rows.length > 0) yield rows as R[];
        if (rows.length < batchSize) break;
      }
      await client.query(`CLOSE "${cursor}"`);
      if (own) await client.query('COMMIT');
      done = true;
    } catch (err) {
      broken = isNetworkError(err);
      throw this.#error(sql, err);
    } finally {
      if (!done) {
        await client.query(own ? 'ROLLBACK' : `CLOSE "${cursor}"`).catch(() => {
          broken = own;
        });
      }
      if (own) client.release(broken);
    }
  }

  async transaction<T>(fn: (tx: Connection) => Promise<T>): Promise<T> {
    if (this.#client) {
      const savepoint = `datakit_sp_${this.#depth + 1}`;
      await this.query(`SAVEPOINT "${savepoint}"`);
      try {
        const result = await fn(
          new PostgresConnection(this.dialect, this.#url, this.#pool, this.#client, this.#depth + 1),
        );
        await this.query(`RELEASE SAVEPOINT "${savepoint}"`);
        return result;
      } catch (err) {
        await this.query(`ROLLBACK TO SAVEPOINT "${savepoint}"`).catch(() => {});
        throw err;
      }
    }
    const client = await this.#connect();
    let broken = false;
    try {
      let result: T;
      try {
        await client.query('BEGIN');
        result = await fn(new PostgresConnection(this.dialect, this.#url, this.#pool, client, 0));
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw err;
      }
      try {
        await client.query('COMMIT');
      } catch (err) {
        broken = isNetworkError(err);
        throw this.#error('COMMIT', err);
      }
      return result;
    } finally {
      client.release(broken);
    }
  }

  async copyFrom(sql: string, chunks: AsyncIterable<Uint8Array | string>): Promise<number> {
    const own = this.#client === undefined;
    const client = this.#client ?? (await this.#connect());
    let sourceError: { error: unknown } | undefined;
    async function* source(): AsyncGenerator<Uint8Array | string> {
      try {
        yield* chunks;
      } catch (error) {
        sourceError = { error };
        throw error;
      }
    }
    let failed = false;
    try {
      const stream = client.query(copyFromStdin(trimStatement(sql)));
      await pipeline(Readable.from(source(), { objectMode: false }), stream);
      return stream.rowCount;
    } catch (err) {
      failed = true;
      if (sourceError) throw sourceError.error;
      throw this.#error(sql, err);
    } finally {
      // After a failed COPY the wire protocol state is not worth trusting: discard the client.
      if (own) client.release(failed);
    }
  }

  async *copyTo(sql: string): AsyncIterable<Uint8Array> {
    const own = this.#client === undefined;
    const client = this.#client ?? (await this.#connect());
    const stream = client.query(copyToStdout(trimStatement(sql)));
    let complete = false;
    let failed = false;
    try {
      for await (const chunk of stream) yield chunk as Uint8Array;
      complete = true;
    } catch (err) {
      failed = true;
      throw this.#error(sql, err);
    } finally {
      if (own) client.release(!complete);
      else if (!complete && !failed) for await (const _ of stream); // keep the transaction's client in sync
    }
  }

  async close(): Promise<void> {
    if (this.#client === undefined) await this.#pool.end();
  }

  async #connect(): Promise<pg.PoolClient> {
    try {
      const client = await this.#pool.connect();
      // A held client whose session the server ends (e.g. a cancelled task's) must not crash the
      // process either; its next query fails instead.
      if (client.listenerCount('error') === 0) client.on('error', () => {});
      return client;
    } catch (err) {
      throw postgresConnectError(this.#url, err);
    }
  }

  #error(sql: string, err: unknown): Error {
    if (isNetworkError(err)) return unreachableError(this.#url, err);
    return queryError(sql, err);
  }
}
