import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Connection, Dialect, QueryResult, StreamOptions } from '../connection.js';
import type { ConnectionUrl } from '../parse-connection-url.js';
import { trimStatement } from '../postgres/trim-statement.js';
import { queryError } from '../query-error.js';
import { Handoff } from './handoff.js';
import type { PgliteLease } from './open-pglite.js';
import { openPglite } from './open-pglite.js';

type Queryable = Pick<PGlite | Transaction, 'query'>;

const INT8 = 20;
// int8 as a string, as node-postgres returns it: a JS number silently loses digits past 2^53.
const QUERY_OPTIONS = { parsers: { [INT8]: (value: string) => value } };

let cursorSeq = 0;

/**
 * A {@link Connection} over embedded PGlite. One PGlite instance is one backend, so queries are
 * serialized; `transaction` takes PGlite's exclusive transaction lock, nested calls use
 * savepoints, and `stream` reads a cursor inside a transaction, one batch ahead of the consumer.
 *
 * @example
 * ```ts
 * const conn = await PgliteConnection.open(parseConnectionUrl('pglite://memory'), pgliteDialect);
 * await conn.query('create table t (id int primary key)');
 * ```
 */
export class PgliteConnection implements Connection {
  readonly dialect: Dialect;
  readonly target: string;
  readonly #db: PGlite;
  readonly #lease: PgliteLease | undefined;
  readonly #tx: Transaction | undefined;
  readonly #depth: number;

  private constructor(
    dialect: Dialect,
    target: string,
    db: PGlite,
    lease?: PgliteLease,
    tx?: Transaction,
    depth = 0,
  ) {
    this.dialect = dialect;
    this.target = target;
    this.#db = db;
    this.#lease = lease;
    this.#tx = tx;
    this.#depth = depth;
  }

  /** Opens `pglite://memory` or a data directory (shared with other connections to it in this process). */
  static async open(url: ConnectionUrl, dialect: Dialect): Promise<PgliteConnection> {
    const path = url.path ?? 'memory';
    const lease = await openPglite(path);
    return new PgliteConnection(dialect, `pglite://${path}`, lease.db, lease);
  }

  async query<R = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<QueryResult<R>> {
    return run<R>(this.#tx ?? this.#db, sql, params);
  }

  async *stream<R = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
    options: StreamOptions = {},
  ): AsyncIterable<R[]> {
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
    if (this.#tx) {
      yield* cursor<R>(this.#tx, sql, params, batchSize, () => false);
      return;
    }
    const handoff = new Handoff<R[]>();
    const producer = this.#db
      .transaction(async (tx) => {
        for await (const batch of cursor<R>(tx, sql, params, batchSize, () => handoff.cancelled)) {
          await handoff.put(batch);
        }
      })
      .then(
        () => handoff.end(),
        (err: unknown) => handoff.fail(err),
      );
    try {
      for (let next = await handoff.take(); !next.done; next = await handoff.take()) yield next.value;
    } finally {
      handoff.cancel();
      await producer;
    }
  }

  async transaction<T>(fn: (tx: Connection) => Promise<T>): Promise<T> {
    const tx = this.#tx;
    if (tx) {
      const savepoint = `datakit_sp_${this.#depth + 1}`;
      await run(tx, `SAVEPOINT "${savepoint}"`);
      try {
        const result = await fn(
          new PgliteConnection(this.dialect, this.target, this.#db, undefined, tx, this.#depth + 1),
        );
        await run(tx, `RELEASE SAVEPOINT "${savepoint}"`);
        return result;
      } catch (err) {
        await run(tx, `ROLLBACK TO SAVEPOINT "${savepoint}"`).catch(() => {});
        throw err;
      }
    }
    return this.#db.transaction((inner) =>
      fn(new PgliteConnection(this.dialect, this.target, this.#db, undefined, inner, 0)),
    );
  }

  async close(): Promise<void> {
    await this.#lease?.release();
  }
}

async function run<R>(
  on: Queryable,
  sql: string,
  params: readonly unknown[] = [],
  shownSql = sql,
): Promise<QueryResult<R>> {
  try {
    const result = await on.query<R>(sql, params as unknown[], QUERY_OPTIONS);
    return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
  } catch (err) {
    throw queryError(shownSql, err);
  }
}

async function* cursor<R>(
  tx: Queryable,
  sql: string,
  params: readonly unknown[],
  batchSize: number,
  stop: () => boolean,
): AsyncGenerator<R[]> {
  const name = `datakit_cursor_${++cursorSeq}`;
  await run(tx, `DECLARE "${name}" NO SCROLL CURSOR FOR ${trimStatement(sql)}`, params, sql);
  let open = true;
  try {
    while (!stop()) {
      const { rows } = await run<R>(tx, `FETCH ${batchSize} FROM "${name}"`, [], sql);
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) break;
    }
    await run(tx, `CLOSE "${name}"`, []);
    open = false;
  } finally {
    if (open) await run(tx, `CLOSE "${name}"`, []).catch(() => {});
  }
}
