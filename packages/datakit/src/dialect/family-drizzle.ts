import type { Column, SQL, Table } from 'drizzle-orm';
import type { ForeignKeySchema } from '../schema/table-schema.js';
import type { CodecColumns } from '../values/column-codec.js';

/**
 * The parts of Drizzle's table config (`getTableConfig` of pg-core or mysql-core) that Datakit
 * reads; the same shape in both.
 *
 * @example
 * ```ts
 * const config: DrizzleTableConfig = postgresDrizzle.tableConfig(customer);
 * config.columns.map((c) => c.name);
 * ```
 */
export interface DrizzleTableConfig {
  name: string;
  schema?: string | undefined;
  columns: Column[];
  primaryKeys: { getName(): string; columns: Column[] }[];
  uniqueConstraints: { getName(): string | undefined; columns: Column[] }[];
  foreignKeys: {
    getName(): string;
    reference(): { columns: Column[]; foreignColumns: Column[]; foreignTable: Table };
    onDelete?: ForeignKeySchema['onDelete'];
    onUpdate?: ForeignKeySchema['onUpdate'];
  }[];
  indexes: { config: { name?: string | undefined; columns: unknown[]; unique?: boolean | undefined } }[];
  checks: { name: string; value: SQL }[];
}

/**
 * How a SQL family's Drizzle tables (`pgTable`, `mysqlTable`) are read: their config, SQL
 * fragments, and what their column classes mean (`arrayElement` and `dateKind` from `CodecColumns`).
 *
 * @example
 * ```ts
 * if (postgresDrizzle.ownsTable(table)) postgresDrizzle.tableConfig(table).name;
 * ```
 */
export interface FamilyDrizzle extends CodecColumns {
  /** The table was made by this family's table function. */
  ownsTable(table: Table): boolean;
  tableConfig(table: Table): DrizzleTableConfig;
  /** A `sql` fragment as this family prints it, with its parameters. */
  sqlToQuery(sql: SQL): { sql: string; params: unknown[] };
  /** The enum a column declares: a named enum type (with `name`) or inline values. */
  enumOf(column: Column): { values: string[]; name?: string } | undefined;
  /** The column's SQL type alone makes it unique (MySQL's SERIAL). */
  impliesUnique(column: Column): boolean;
  /** The table's extra-config builder (keys, indexes) reads the table's own columns. */
  readonly extraConfigReadsColumns: boolean;
}
