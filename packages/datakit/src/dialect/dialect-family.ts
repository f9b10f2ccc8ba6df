import type { ColumnType } from '../schema/table-schema.js';
import type { FamilyValues } from '../values/family-values.js';
import type { DialectAdapter, SqlFamily } from './dialect-adapter.js';
import type { FamilyCodegen } from './family-codegen.js';
import type { FamilyDrizzle } from './family-drizzle.js';

/**
 * A SQL family (PostgreSQL, which PGlite speaks too, or MySQL/MariaDB): what its types, Drizzle
 * tables, values and generated code look like. Contracts, validation, factories and code
 * generation ask the family of a table or connection, never compare names.
 *
 * @example
 * ```ts
 * const family = familyOfTable(customer); // or conn.dialect.family
 * family.parseSqlType('numeric(10, 2)'); // { kind: 'numeric', precision: 10, scale: 2, raw: 'numeric(10, 2)' }
 * ```
 */
export interface DialectFamily {
  readonly name: SqlFamily;
  /** Quoting and placeholders of the family's SQL. */
  readonly adapter: DialectAdapter;
  /** Parses a type as the family's catalog or Drizzle's `getSQLType()` spell it; unknown names give kind `unknown`. */
  parseSqlType(sqlType: string): ColumnType;
  readonly drizzle: FamilyDrizzle;
  readonly values: FamilyValues;
  readonly codegen: FamilyCodegen;
}
