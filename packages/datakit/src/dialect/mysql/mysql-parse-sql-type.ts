import type { ColumnType } from '../../schema/table-schema.js';
import { applyTypeArguments, arrayDimensions, parseQuotedList, typeArguments } from '../sql-type-parts.js';

const NAMES: Record<string, ColumnType['kind']> = {
  tinyint: 'smallint',
  smallint: 'smallint',
  year: 'smallint',
  mediumint: 'integer',
  int: 'integer',
  integer: 'integer',
  serial: 'bigint',
  bigint: 'bigint',
  decimal: 'numeric',
  numeric: 'numeric',
  float: 'real',
  double: 'double',
  real: 'double',
  boolean: 'boolean',
  bool: 'boolean',
  text: 'text',
  tinytext: 'text',
  mediumtext: 'text',
  longtext: 'text',
  varchar: 'varchar',
  char: 'char',
  date: 'date',
  time: 'time',
  datetime: 'timestamp',
  timestamp: 'timestamptz',
  json: 'json',
  binary: 'bytea',
  varbinary: 'bytea',
  blob: 'bytea',
  tinyblob: 'bytea',
  mediumblob: 'bytea',
  longblob: 'bytea',
};

/**
 * Parses a MySQL/MariaDB type as `COLUMN_TYPE` or Drizzle's mysql-core `getSQLType()` spell it
 * (see {@link parseSqlType}): inline `enum(...)`, `tinyint(1)` as boolean, `set(...)` passed
 * through with its members, `unsigned` dropped (number rules read it from the SQL type).
 * @internal
 *
 * @example
 * ```ts
 * parseMysqlType("enum('a','b')"); // { kind: 'enum', enumValues: ['a', 'b'], raw: ... }
 * parseMysqlType('varbinary(16)'); // { kind: 'bytea', length: 16, raw: 'varbinary(16)' }
 * ```
 */
export function parseMysqlType(sqlType: string): ColumnType {
  const parts = arrayDimensions(sqlType);
  const { raw, dimensions } = parts;
  let text = parts.text;
  const enumMatch = /^enum\((.*)\)$/s.exec(raw);
  if (enumMatch) return { kind: 'enum', enumValues: parseQuotedList(enumMatch[1] ?? ''), raw };
  // A SET has no portable kind: it passes through as its raw type, its members kept for DDL.
  const setMatch = /^set\((.*)\)$/is.exec(raw);
  if (setMatch) return { kind: 'unknown', enumValues: parseQuotedList(setMatch[1] ?? ''), raw };
  if (/^tinyint\(1\)/.test(text) || text === 'boolean' || text === 'bool') return { kind: 'boolean', raw };
  text = text.replace(/\s+(unsigned|signed|zerofill)\b/g, '').trim();
  const { base, args } = typeArguments(text);
  const kind = NAMES[base];
  const result: ColumnType = { kind: kind ?? 'unknown', raw };
  if (dimensions > 0) result.dimensions = dimensions;
  if (!kind) return result;
  applyTypeArguments(result, args);
  if (kind === 'bytea' && args[0] !== undefined && base !== 'blob') result.length = args[0];
  return result;
}
