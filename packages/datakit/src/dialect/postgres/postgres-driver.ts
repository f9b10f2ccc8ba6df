import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin, to as copyToStdout } from 'pg-copy-streams';
import type { Connection, Dialect, QueryResult, StreamOptions } from '../connection.js';
import { connectionLostError, isConnectionLost } from '../connection-lost-error.js';
import type { ConnectionUrl } from '../parse-connection-url.js';
import { queryError } from '../query-error.js';
import { isNetworkError, unreachableError } from '../unreachable-error.js';
import { unresponsiveSettings, watchUnresponsive } from '../unresponsive-watchdog.js';
import { postgresConnectError } from './postgres-connect-error.js';
import { postgresPoolConfig } from './postgres-pool-config.js';
import { postgresProbe } from './postgres-probe.js';
import { trimStatement } from './trim-statement.js';

let cursorSeq = 0;

/**
 * The part of a pg client below its public API that an abandoned COPY and the watchdog need:
 * its socket, and the statement it waits on.
 */
interface ClientSocket {
  connection: { stream: Socket };
  _activeQuery?: unknown;
}

// Clients whose wire protocol is mid-way (a COPY left early) or whose socket is gone: never
// reused, never sent another statement.
const abandoned = new WeakSet<pg.PoolClient>();
const listening = new WeakSet<pg.PoolClient>();

function abandon(client: pg.PoolClient): void {
  if (abandoned.has(client)) return;
  abandoned.add(client);
  (client as unknown as ClientSocket).connection.stream.destroy();
}

/**
 * A {@link Connection} over node-postgres: a pool at the top level, one pooled client inside a
 * transaction (nested transactions become savepoints). Streams read through a server-side
 * cursor; `copyFrom`/`copyTo` use pg-copy-streams with backpressure. A lost connection (server
 * restart, `pg_terminate_backend`, network) surfaces as a `CONNECTION` error, never as an
 * unhandled `'error'` event; a COPY left early drops its connection (the server rolls back).
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
    const settings = unresponsiveSettings(url);
    const probe = postgresProbe(url);
    const pool = new pg.Pool(postgresPoolConfig(url));
    // An idle client dropped by the server must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      const internals = client as unknown as ClientSocket;
      watchUnresponsive(
        { socket: internals.connection.stream, busy: () => internals._activeQuery != null },
        settings,
        probe,
      );
    });
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
    const client = this.#client;
    if (client && abandoned.has(client)) throw this.#error(sql, new Error('Connection terminated'));
    try {
      const result = await (client ?? this.#pool).query(sql, params as unknown[]);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    } catch (err) {
      throw this.#error(sql, err, client !== undefined);
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
      if (isConnectionLost(err) || isNetworkError(err)) abandon(client);
      throw this.#error(sql, err);
    } finally {
      if (!done && !abandoned.has(client)) {
        await client.query(own ? 'ROLLBACK' : `CLOSE "${cursor}"`).catch(() => {
          if (own) abandon(client);
        });
      }
      if (own) client.release(abandoned.has(client));
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
    try {
      let result: T;
      try {
        await client.query('BEGIN');
        result = await fn(new PostgresConnection(this.dialect, this.#url, this.#pool, client, 0));
      } catch (err) {
        // A lost or abandoned connection has no transaction left to roll back: the server did.
        if (!abandoned.has(client)) await client.query('ROLLBACK').catch(() => abandon(client));
        throw err;
      }
      if (abandoned.has(client)) throw this.#error('COMMIT', new Error('Connection terminated'));
      try {
        await client.query('COMMIT');
      } catch (err) {
        if (isConnectionLost(err) || isNetworkError(err)) abandon(client);
        throw this.#error('COMMIT', err);
      }
      return result;
    } finally {
      client.release(abandoned.has(client));
    }
  }

  async copyFrom(sql: string, chunks: AsyncIterable<Uint8Array | string>): Promise<number> {
    const own = this.#client === undefined;
    const client = this.#client ?? (await this.#connect());
    let sourceError: { error: unknown } | undefined;
    // Only what `chunks` itself throws is the source's error: a failed COPY is thrown *into* this
    // generator by the stream machinery, and must be reported as the target's.
    async function* source(): AsyncGenerator<Uint8Array | string> {
      const iterator = chunks[Symbol.asyncIterator]();
      try {
        for (;;) {
          let next: IteratorResult<Uint8Array | string>;
          try {
            next = await iterator.next();
          } catch (error) {
            sourceError = { error };
            throw error;
          }
          if (next.done) return;
          yield next.value;
        }
      } finally {
        if (sourceError === undefined) await iterator.return?.();
      }
    }
    let failed = false;
    try {
      const stream = client.query(copyFromStdin(trimStatement(sql)));
      await pipeline(Readable.from(source(), { objectMode: false }), stream);
      return stream.rowCount;
    } catch (err) {
      failed = true;
      if (isConnectionLost(err) || isNetworkError(err)) abandon(client);
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
    // The loop below sees errors while it reads; one arriving after it left must not crash.
    stream.on('error', () => {});
    let complete = false;
    try {
      for await (const chunk of stream) yield chunk as Uint8Array;
      complete = true;
    } catch (err) {
      throw this.#error(sql, err);
    } finally {
      // Left early or failed: the server may still be sending rows, so the connection cannot
      // take another statement. Drop it; the server rolls its transaction back.
      if (!complete) abandon(client);
      if (own) client.release(!complete);
    }
  }

  async close(): Promise<void> {
    if (this.#client === undefined) await this.#pool.end();
  }

  async #connect(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (err) {
      throw postgresConnectError(this.#url, err);
    }
    // A checked-out client has no listener of the pool's: without one, a server that ends the
    // connection crashes the process with an unhandled 'error' event. The failing statement
    // reports the loss instead.
    if (!listening.has(client)) {
      listening.add(client);
      client.on('error', () => abandoned.add(client));
    }
    return client;
  }

  #error(sql: string, err: unknown, established = true): Error {
    if (isConnectionLost(err) || (established && isNetworkError(err))) {
      return connectionLostError(
        {
          target: this.target,
          ...(this.#url.host === undefined ? {} : { host: this.#url.host }),
          ...(this.#url.port === undefined ? {} : { port: this.#url.port }),
          ...(this.#url.database === undefined ? {} : { database: this.#url.database }),
        },
        err,
      );
    }
    if (isNetworkError(err)) return unreachableError(this.#url, err);
    return queryError(sql, err);
  }
}
