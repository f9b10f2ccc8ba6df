/**
 * The SQL family a dialect speaks; PGlite speaks `postgresql` through a different driver.
 *
 * @example
 * ```ts
 * const family: SqlFamily = conn.dialect.adapter.family; // 'postgresql' for PostgreSQL and PGlite
 * ```
 */
export type SqlFamily = 'postgresql' | 'mysql';

/**
 * What a database can do. Code branches on these flags, never on the dialect's name.
 *
 * @example
 * ```ts
 * if (conn.dialect.adapter.supportsTransactionalDdl) await conn.transaction(applyPlan);
 * ```
 */
export interface DialectAdapter {
  readonly family: SqlFamily;
  /** DDL can be rolled back (PostgreSQL, PGlite; not MySQL, which commits implicitly). */
  readonly supportsTransactionalDdl: boolean;
  /** `COPY FROM STDIN` / `COPY TO STDOUT` streams (`Connection.copyFrom/copyTo`). */
  readonly supportsCopy: boolean;
  /** `INSERT ... RETURNING`. */
  readonly supportsReturning: boolean;
  /** Named enum types (`CREATE TYPE ... AS ENUM`) rather than inline `ENUM(...)` columns. */
  readonly supportsEnumTypes: boolean;
  /** Schemas inside a database (PostgreSQL); MySQL's "schema" is a database. */
  readonly supportsSchemas: boolean;
  /**
   * Can hold a Datakit warehouse: the layers, the run store and loads into them (the PostgreSQL
   * family: its text formats, advisory locks and run-store SQL). Others can be sources only.
   */
  readonly supportsWarehouse: boolean;
  /**
   * Transactions run side by side (a pool of sessions). PGlite has one in-process session: a
   * second transaction waits for the first to end, so reads of a load share its transaction.
   */
  readonly supportsConcurrentTransactions: boolean;
  /** Quotes an identifier, escaping embedded quotes: `"a""b"` or `` `a``b` ``. */
  quoteIdentifier(name: string): string;
  /**
   * A string literal, escaped as the family reads it: `'it''s'`; PostgreSQL writes a value with a
   * backslash as `E'a\\b'` (the same whatever `standard_conforming_strings` says), MySQL doubles
   * backslashes (`'a\\b'`).
   */
  quoteString(value: string): string;
  /** Quotes `schema.table`, or just the table when no schema is given. */
  quoteTable(table: { schema?: string; name: string }): string;
  /** The placeholder for the 1-based parameter `index`: `$1` or `?`. */
  placeholder(index: number): string;
  /** A parameter read as `sqlType` where the family needs it said (`$1::date`), else `?`. */
  typedPlaceholder(index: number, sqlType: string): string;
  /** An expression's value as text: `(max(id))::text` or `cast(max(id) as char)`. */
  castToText(expression: string): string;
}
