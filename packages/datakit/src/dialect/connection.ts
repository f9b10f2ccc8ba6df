import type { DdlCompiler } from './ddl-compiler.js';
import type { DialectAdapter } from './dialect-adapter.js';
import type { DialectFamily } from './dialect-family.js';
import type { Introspector } from './introspector.js';
import type { ConnectionUrl } from './parse-connection-url.js';
import type { SessionCanceller } from './session-canceller.js';
import type { SourceReader } from './source-reader.js';

/**
 * The rows a statement returned and how many it touched.
 *
 * @example
 * ```ts
 * const { rows, rowCount }: QueryResult<{ n: number }> = await conn.query('select 1 as n');
 * ```
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/**
 * Options for a streaming read.
 *
 * @example
 * ```ts
 * for await (const batch of conn.stream('select * from big', [], { batchSize: 5000 } satisfies StreamOptions)) consume(batch);
 * ```
 */
export interface StreamOptions {
  /** Rows per yielded batch (default 1000). Memory is bounded by a few batches. */
  batchSize?: number;
  /**
   * `array`: each row is an array of its values in select-list order, which saves an object per
   * row. Honoured by the MySQL driver; the others give objects.
   */
  rowMode?: 'object' | 'array';
}

/**
 * An open connection to one database, the same for every dialect. Values are always passed as
 * parameters (`$1` on PostgreSQL/PGlite, `?` on MySQL: see {@link DialectAdapter.placeholder}).
 *
 * @example
 * ```ts
 * const conn = await connect('pglite://memory');
 * const { rows } = await conn.query<{ n: number }>('select $1::int as n', [42]);
 * for await (const batch of conn.stream('select * from big', [], { batchSize: 5000 })) consume(batch);
 * await conn.close();
 * ```
 */
export interface Connection {
  readonly dialect: Dialect;
  /** Where it points, without the password: `postgres://user@host:5432/db`. */
  readonly target: string;
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Reads a result in batches with constant memory (server-side cursor or row stream). */
  stream<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: StreamOptions,
  ): AsyncIterable<R[]>;
  /** Runs `fn` in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: Connection) => Promise<T>): Promise<T>;
  /**
   * `COPY ... FROM STDIN` fed by `chunks` (text format unless the SQL says otherwise); returns the
   * row count. Present where `adapter.supportsCopy`.
   */
  copyFrom?(sql: string, chunks: AsyncIterable<Uint8Array | string>): Promise<number>;
  /** `COPY ... TO STDOUT` as a stream of raw chunks. Present where `adapter.supportsCopy`. */
  copyTo?(sql: string): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

// Beside Connection: each refers to the other, and one file keeps that from being an import cycle.
/**
 * A database dialect: a few factories, the same for PostgreSQL, PGlite and MySQL/MariaDB.
 *
 * @example
 * ```ts
 * const dialect = postgresDialect;
 * const conn = await dialect.connect(parseConnectionUrl('postgres://postgres@127.0.0.1:5432/test'));
 * const tables = await dialect.createIntrospector(conn).introspect({ schema: 'public' });
 * const sql = dialect.createDdlCompiler().createTable(tables[0]!);
 * ```
 */
export interface Dialect {
  readonly name: 'postgres' | 'pglite' | 'mysql';
  readonly adapter: DialectAdapter;
  /** The SQL family it speaks: types, values, Drizzle tables and generated code. */
  readonly family: DialectFamily;
  connect(url: ConnectionUrl): Promise<Connection>;
  createIntrospector(conn: Connection): Introspector;
  createDdlCompiler(): DdlCompiler;
  /** Reads source tables for loads (session setup, catalog estimates, decoded row batches). */
  readonly reader: SourceReader<Connection>;
  /** Cancels running statements of tagged sessions; absent where the database runs in this thread. */
  readonly canceller?: SessionCanceller;
}
