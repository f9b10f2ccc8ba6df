import type { TableSchema } from '../schema/table-schema.js';

/**
 * Which tables to read from a live catalog.
 *
 * @example
 * ```ts
 * await introspector.introspect({ schema: 'crm', tables: ['customer'] } satisfies IntrospectOptions);
 * ```
 */
export interface IntrospectOptions {
  /** PostgreSQL schema (default `public`) or MySQL database (default: the connection's). */
  schema?: string;
  /** Only these table names (default: every base table in the schema). */
  tables?: readonly string[];
}

/**
 * Reads tables from a live catalog into plain {@link TableSchema}s, sorted by name, with columns
 * in ordinal order, so two reads of an unchanged database are deep-equal.
 *
 * @example
 * ```ts
 * const tables = await conn.dialect.createIntrospector(conn).introspect({ schema: 'system_a' });
 * ```
 */
export interface Introspector {
  introspect(options?: IntrospectOptions): Promise<TableSchema[]>;
  /** Schemas (PostgreSQL) or databases (MySQL) that exist, excluding system ones. */
  listSchemas(): Promise<string[]>;
}
