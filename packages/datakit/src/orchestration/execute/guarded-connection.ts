import type { Connection, Dialect, QueryResult, StreamOptions } from '../../dialect/connection.js';

/** What a {@link GuardedConnection} asks before each statement and tells around it. */
export interface ConnectionGuard {
  /** Throws when no statement may start any more (the attempt was aborted). */
  check(): void;
  /** The connection to run on, opened on first use. */
  open(): Promise<Connection>;
  /** Counts statements in flight, so cancellation knows when it is done. */
  enter(): void;
  leave(): void;
}

/**
 * A {@link Connection} that asks its guard before every statement, so an aborted task can start
 * none, and that applies the same guard to the transactions it opens.
 *
 * @example
 * ```ts
 * const conn = new GuardedConnection(postgresDialect, 'postgres://…', guard);
 * await conn.query('select 1'); // opens the connection on first use
 * ```
 * @internal
 */
export class GuardedConnection implements Connection {
  readonly dialect: Dialect;
  readonly target: string;
  readonly #guard: ConnectionGuard;
  readonly #tx: Connection | undefined;

  constructor(dialect: Dialect, target: string, guard: ConnectionGuard, tx?: Connection) {
    this.dialect = dialect;
    this.target = target;
    this.#guard = guard;
    this.#tx = tx;
  }

  async query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<R>> {
    return this.#run((c) => c.query<R>(sql, params));
  }

  async *stream<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: StreamOptions,
  ): AsyncIterable<R[]> {
    this.#guard.check();
    const conn = await this.#conn();
    this.#guard.enter();
    try {
      for await (const batch of conn.stream<R>(sql, params, options)) {
        yield batch;
        this.#guard.check();
      }
    } finally {
      this.#guard.leave();
    }
  }

  async transaction<T>(fn: (tx: Connection) => Promise<T>): Promise<T> {
    this.#guard.check();
    const conn = await this.#conn();
    return conn.transaction((tx) => fn(new GuardedConnection(this.dialect, this.target, this.#guard, tx)));
  }

  async copyFrom(sql: string, chunks: AsyncIterable<Uint8Array | string>): Promise<number> {
    return this.#run((c) => {
      if (!c.copyFrom) throw new Error(`${this.dialect.name} has no COPY FROM`);
      return c.copyFrom(sql, chunks);
    });
  }

  async *copyTo(sql: string): AsyncIterable<Uint8Array> {
    this.#guard.check();
    const conn = await this.#conn();
    if (!conn.copyTo) throw new Error(`${this.dialect.name} has no COPY TO`);
    this.#guard.enter();
    try {
      yield* conn.copyTo(sql);
    } finally {
      this.#guard.leave();
    }
  }

  async close(): Promise<void> {
    // The attempt that owns the connection closes it; a transaction ends with its callback.
  }

  #conn(): Promise<Connection> {
    return this.#tx ? Promise.resolve(this.#tx) : this.#guard.open();
  }

  async #run<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    this.#guard.check();
    const conn = await this.#conn();
    this.#guard.check();
    this.#guard.enter();
    try {
      return await fn(conn);
    } finally {
      this.#guard.leave();
    }
  }
}
