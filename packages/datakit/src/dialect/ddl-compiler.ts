import type {
  CheckSchema,
  ColumnSchema,
  ColumnType,
  ForeignKeySchema,
  IndexSchema,
  KeyConstraint,
  TableSchema,
} from '../schema/table-schema.js';

/**
 * Options of {@link DdlCompiler.createTable}.
 *
 * @example
 * ```ts
 * ddl.createTable(table, { enumTypes: false });
 * ```
 */
export interface CreateTableOptions {
  /** Create the enum types the table uses first (default true). */
  enumTypes?: boolean;
}

/**
 * A table reference: schema (optional) and name.
 *
 * @example
 * ```ts
 * const ref: TableRef = { schema: 'bronze', name: 'customer' };
 * ```
 */
export interface TableRef {
  schema?: string;
  name: string;
}

/**
 * Renders DDL statements for one SQL family. Every identifier is quoted; every statement is one
 * string without a trailing semicolon. Throws a `DatakitError('UNSUPPORTED')` naming the table and
 * column for a type the dialect cannot store.
 *
 * @example
 * ```ts
 * const ddl = conn.dialect.createDdlCompiler();
 * for (const sql of ddl.createTable(customerSchema)) await conn.query(sql);
 * ```
 */
export interface DdlCompiler {
  /** The SQL spelling of a portable type: `numeric(10,2)`, `varchar(255)`, `"shop"."status"`. */
  renderType(type: ColumnType, where: { table: string; column: string; schema?: string }): string;
  createSchema(name: string): string;
  /** `CREATE TYPE ... AS ENUM` (PostgreSQL); MySQL enums are inline, so it returns nothing. */
  createEnum(schema: string | undefined, name: string, values: readonly string[]): string[];
  /** Adds values to an existing enum type (PostgreSQL) — additive, so never destructive. */
  addEnumValues(schema: string | undefined, name: string, values: readonly string[]): string[];
  /**
   * `CREATE TABLE` with columns, primary key, uniques, checks and foreign keys, then its indexes.
   * Enum types the table uses are created first unless `enumTypes: false` (a deploy plan creates
   * each type once, in its own step).
   */
  createTable(table: TableSchema, options?: CreateTableOptions): string[];
  dropTable(table: TableRef): string;
  addColumn(table: TableRef, column: ColumnSchema): string;
  dropColumn(table: TableRef, column: string): string;
  alterColumnType(table: TableRef, column: ColumnSchema): string;
  /**
   * `SET NOT NULL` / `DROP NOT NULL`. MySQL can only change nullability by restating the whole
   * column, so it needs the {@link ColumnSchema}; PostgreSQL accepts the bare name.
   */
  setNotNull(table: TableRef, column: string | ColumnSchema, notNull: boolean): string;
  /** Gives the column `column.default`, or drops its default when it has none. */
  setDefault(table: TableRef, column: ColumnSchema): string;
  /**
   * Lets an enum column hold `added` values too; `column` is the column as it will be, with every
   * value (a named type gains the values; an inline MySQL enum is restated).
   */
  extendEnum(table: TableRef, column: ColumnSchema, added: readonly string[]): string[];
  addPrimaryKey(table: TableRef, key: KeyConstraint): string;
  addUnique(table: TableRef, key: KeyConstraint): string;
  addForeignKey(table: TableRef, fk: ForeignKeySchema): string;
  addCheck(table: TableRef, check: CheckSchema): string;
  /**
   * `CREATE [UNIQUE] INDEX`; with `where` (a SQL condition) a partial index of the rows it holds
   * for (PostgreSQL; MySQL has no partial indexes and throws `UNSUPPORTED`).
   */
  createIndex(table: TableRef, index: IndexSchema, where?: string): string;
  dropIndex(table: TableRef, index: IndexSchema): string;
  /**
   * One row that gives its generated key column `row.key` a value of its own (a dimension's
   * unknown member, key -1), and does nothing when a row with that key exists (on MySQL: any
   * unique key). `values` are SQL expressions (placeholders, casts), one per column.
   */
  insertKeyedRow(
    table: TableRef,
    row: { key: string; columns: readonly string[]; values: readonly string[] },
  ): string;
}
