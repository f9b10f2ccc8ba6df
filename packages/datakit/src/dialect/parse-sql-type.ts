import type { ColumnType } from '../schema/table-schema.js';
import type { SqlFamily } from './dialect-adapter.js';
import { familyNamed } from './families.js';

/**
 * Parses a SQL type as PostgreSQL's `format_type`, MySQL's `COLUMN_TYPE` or Drizzle's
 * `getSQLType()` spell it into a portable {@link ColumnType} (the family's `parseSqlType`).
 * Unknown names give kind `unknown` with `raw` set, so callers can name the type in an error.
 *
 * @example
 * ```ts
 * parseSqlType('numeric(10, 2)', 'postgresql'); // { kind: 'numeric', precision: 10, scale: 2, raw: 'numeric(10, 2)' }
 * parseSqlType("enum('a','b')", 'mysql'); // { kind: 'enum', enumValues: ['a', 'b'], raw: ... }
 * parseSqlType('timestamp (3) with time zone', 'postgresql'); // { kind: 'timestamptz', precision: 3, ... }
 * parseSqlType('bit varying(8)', 'postgresql'); // { kind: 'varbit', length: 8, raw: 'bit varying(8)' }
 * ```
 */
export function parseSqlType(sqlType: string, family: SqlFamily): ColumnType {
  return familyNamed(family).parseSqlType(sqlType);
}
