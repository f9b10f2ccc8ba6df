import type { Socket } from 'node:net';
import type { Connection as CallbackConnection, TypeCast } from 'mysql2';
import type { Pool, PoolConnection } from 'mysql2/promise';
import mysql from 'mysql2/promise';
import type { Connection, Dialect, QueryResult, StreamOptions } from '../connection.js';
import { connectionLostError, isConnectionLost } from '../connection-lost-error.js';
import type { ConnectionUrl } from '../parse-connection-url.js';
import { queryError } from '../query-error.js';
import { isNetworkError, unreachableError } from '../unreachable-error.js';
import { unresponsiveSettings, watchUnresponsive } from '../unresponsive-watchdog.js';
import { mysqlConnectError } from './mysql-connect-error.js';
import { mysqlPoolConfig } from './mysql-pool-config.js';
import { mysqlProbe } from './mysql-probe.js';
import { mysqlSessionTag, type TaggableSession, trackMysqlSession } from './mysql-sessions.js';

// Every connection reads in UTC: TIMESTAMP text never depends on the server's or the process's zone.
const SESSION_SETTINGS = "SET time_zone = '+00:00'";

// mysql2's own float parser rounds some 16-digit doubles (9.623817980940121 → 9.62381798094012).
const exactDoubles: TypeCast = (field, next) => {
  if (field.type !== 'DOUBLE') return next();
  const text = field.string('ascii');
  return text === null ? null : Number(text);
};

const listening = new WeakSet<CallbackConnection>();

/** The part of a mysql2 connection below its public API the watchdog needs. */
interface CoreInternals extends TaggableSession {
  readonly stream: Socket;
  /** The command the connection waits on, if any. */
  readonly _command?: unknown;
}

/**
 * A {@link Connection} over mysql2: a pool at the top level, one pooled connection inside a
 * transaction (nested transactions become savepoints). `stream` reads the row stream of the
 * callback API in batches, pausing the socket while the consumer is busy.
 *
 * Values come back as the server sends them, never through the process's time zone or a parser
 * that could change them: tinyint, smallint, mediumint, int and year as numbers (tinyint(1) too:
 * 0, 1, or whatever else it holds); double as the number of its text (`query`; `stream` rows give
 * what mysql2 parses: the transfer reader selects doubles as text); float as the number of the
 * server's 6-digit text; bigint, decimal, date, datetime,
 * timestamp (in UTC: the session's `time_zone` is `+00:00`), time, JSON, enum, set and the text
 * types as strings; binary, varbinary, the blob types and bit as Buffers.
 *
 * @example
 * ```ts
 * const conn = await MysqlConnection.open(parseConnectionUrl('mysql://root@127.0.0.1:3306/test'), mysqlDialect);
 * const { rows } = await conn.query('select ? + 1 as n', [41]);
 * ```
 */
export class MysqlConnection implements Connection {
  readonly dialect: Dialect;
  readonly target: string;
  readonly #url: ConnectionUrl;
  readonly #pool: Pool;
  readonly #conn: PoolConnection | undefined;
  readonly #depth: number;

  private constructor(dialect: Dialect, url: ConnectionUrl, pool: Pool, conn?: PoolConnection, depth = 0) {
    this.dialect = dialect;
    this.#url = url;
    this.#pool = pool;
    this.#conn = conn;
    this.#depth = depth;
    this.target = `mysql://${url.user ? `${url.user}@` : ''}${url.host}:${url.port}/${url.database ?? ''}`;
  }

  /** Opens a pool and checks that one connection can be made (so bad URLs fail here, clearly). */
  static async open(url: ConnectionUrl, dialect: Dialect): Promise<MysqlConnection> {
    const settings = unresponsiveSettings(url);
    const probe = mysqlProbe(url);
    const tag = mysqlSessionTag(url);
    const pool = mysql.createPool(mysqlPoolConfig(url));
    pool.on('connection', (conn) => {
      const core = conn as unknown as CallbackConnection;
      const internals = conn as unknown as CoreInternals;
      if (tag !== undefined) trackMysqlSession(url, tag, internals);
      watchUnresponsive(
        { socket: internals.stream, busy: () => internals._command != null },
        settings,
        probe,
      );
      core.query(SESSION_SETTINGS, (err) => {
        if (err) conn.destroy();
      });
    });
    try {
      const conn = await pool.getConnection();
      conn.release();
    } catch (err) {
      await pool.end().catch(() => {});
      throw mysqlConnectError(url, err);
    }
    return new MysqlConnection(dialect, url, pool);
  }

  async query<R = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<QueryResult<R>> {
    try {
      const [result] = await (this.#conn ?? this.#pool).query(
        { sql, typeCast: exactDoubles },
        params as unknown[],
      );
      if (Array.isArray(result)) return { rows: result as R[], rowCount: result.length };
      return { rows: [], rowCount: (result as { affectedRows?: number }).affectedRows ?? 0 };
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
    const own = this.#conn === undefined;
    const conn = this.#conn ?? (await this.#connect());
    // The promise API has no row stream; the callback connection underneath does.
    const core = conn.connection as unknown as CallbackConnection;
    // Read ahead a few batches so the server keeps sending while the consumer writes elsewhere.
    const rows = core
      .query({ sql, rowsAsArray: options.rowMode === 'array' }, params as unknown[])
      .stream({ highWaterMark: batchSize * 4 });
    // mysql2 tells only the connection when it is lost mid-result: end the row stream too, or it waits forever.
    const lost = (err?: Error) =>
      rows.destroy(
        err ??
          Object.assign(new Error('The server closed the connection'), { code: 'PROTOCOL_CONNECTION_LOST' }),
      );
    const closed = () => lost();
    core.once('error', lost);
    core.once('end', closed);
    const iterator = rows[Symbol.asyncIterator]() as AsyncIterator<R>;
    let state: 'reading' | 'done' | 'failed' = 'reading';
    try {
      let batch: R[] = [];
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        batch.push(next.value);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      state = 'done';
      if (batch.length > 0) yield batch;
    } catch (err) {
      state = 'failed';
      throw this.#error(sql, err);
    } finally {
      core.removeListener('error', lost);
      core.removeListener('end', closed);
      if (own) {
        // A result left half-read would arrive on the next user of the connection: drop it instead.
        if (state === 'done') conn.release();
        else conn.destroy();
      } else if (state === 'reading') {
        for (let next = await iterator.next(); !next.done; next = await iterator.next());
      }
    }
  }

  async transaction<T>(fn: (tx: Connection) => Promise<T>): Promise<T> {
    if (this.#conn) {
      const savepoint = `datakit_sp_${this.#depth + 1}`;
      await this.query(`SAVEPOINT \`${savepoint}\``);
      try {
        const result = await fn(
          new MysqlConnection(this.dialect, this.#url, this.#pool, this.#conn, this.#depth + 1),
        );
        await this.query(`RELEASE SAVEPOINT \`${savepoint}\``);
        return result;
      } catch (err) {
        await this.query(`ROLLBACK TO SAVEPOINT \`${savepoint}\``).catch(() => {});
        throw err;
      }
    }
    const conn = await this.#connect();
    let broken = false;
    try {
      let result: T;
      try {
        await conn.beginTransaction();
        result = await fn(new MysqlConnection(this.dialect, this.#url, this.#pool, conn, 0));
      } catch (err) {
        await conn.rollback().catch(() => {
          broken = true;
        });
        throw err;
      }
      try {
        await conn.commit();
      } catch (err) {
        broken = true;
        throw this.#error('COMMIT', err);
      }
      return result;
    } finally {
      if (broken) conn.destroy();
      else conn.release();
    }
  }

  async close(): Promise<void> {
    if (this.#conn === undefined) await this.#pool.end();
  }

  async #connect(): Promise<PoolConnection> {
    let conn: PoolConnection;
    try {
      conn = await this.#pool.getConnection();
    } catch (err) {
      throw mysqlConnectError(this.#url, err);
    }
    // The pool listens for one 'error' only; a second one (a lost connection seen by a statement
    // and by the socket) must not crash the process: the statement reports it.
    const core = conn.connection as unknown as CallbackConnection;
    if (!listening.has(core)) {
      listening.add(core);
      core.on('error', () => {});
    }
    return conn;
  }

  #error(sql: string, err: unknown): Error {
    if (isConnectionLost(err) || (this.#conn !== undefined && isNetworkError(err))) {
      const { host, port, database } = this.#url;
      return connectionLostError(
        {
          target: this.target,
          ...(host === undefined ? {} : { host }),
          ...(port === undefined ? {} : { port }),
          ...(database === undefined ? {} : { database }),
        },
        err,
      );
    }
    if (isNetworkError(err)) return unreachableError(this.#url, err);
    return queryError(sql, err);
  }
}
