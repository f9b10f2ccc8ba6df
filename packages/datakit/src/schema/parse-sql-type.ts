import type { ColumnType } from './table-schema.js';

const PG_NAMES: Record<string, ColumnType['kind']> = {
  smallint: 'smallint',
  int2: 'smallint',
  smallserial: 'smallint',
  integer: 'integer',
  int: 'integer',
  int4: 'integer',
  serial: 'integer',
  bigint: 'bigint',
  int8: 'bigint',
  bigserial: 'bigint',
  numeric: 'numeric',
  decimal: 'numeric',
  real: 'real',
  float4: 'real',
  'double precision': 'double',
  float8: 'double',
  double: 'double',
  float: 'double',
  boolean: 'boolean',
  bool: 'boolean',
  text: 'text',
  varchar: 'varchar',
  'character varying': 'varchar',
  char: 'char',
  character: 'char',
  bpchar: 'char',
  uuid: 'uuid',
  date: 'date',
  time: 'time',
  'time without time zone': 'time',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  timestamptz: 'timestamptz',
  interval: 'interval',
  json: 'json',
  jsonb: 'jsonb',
  bytea: 'bytea',
  tstzrange: 'tstzrange',
  'time with time zone': 'timetz',
  timetz: 'timetz',
  inet: 'inet',
  cidr: 'cidr',
  macaddr: 'macaddr',
  macaddr8: 'macaddr8',
  bit: 'bit',
  'bit varying': 'varbit',
  varbit: 'varbit',
  money: 'money',
  xml: 'xml',
  tsvector: 'tsvector',
  tsquery: 'tsquery',
  int4range: 'int4range',
  int8range: 'int8range',
  numrange: 'numrange',
  tsrange: 'tsrange',
  daterange: 'daterange',
};

const INTERVAL_FIELDS =
  /^interval (year|month|day|hour|minute|second|year to month|day to (?:hour|minute|second)|hour to (?:minute|second)|minute to second)$/;

const MYSQL_NAMES: Record<string, ColumnType['kind']> = {
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
 * Parses a SQL type as PostgreSQL's `format_type`, MySQL's `COLUMN_TYPE` or Drizzle's
 * `getSQLType()` spell it into a portable {@link ColumnType}. Unknown names give kind `unknown`
 * with `raw` set, so callers can name the type in an error.
 *
 * @example
 * ```ts
 * parseSqlType('numeric(10, 2)', 'postgresql'); // { kind: 'numeric', precision: 10, scale: 2, raw: 'numeric(10, 2)' }
 * parseSqlType("enum('a','b')", 'mysql'); // { kind: 'enum', enumValues: ['a', 'b'], raw: ... }
 * parseSqlType('timestamp (3) with time zone', 'postgresql'); // { kind: 'timestamptz', precision: 3, ... }
 * parseSqlType('bit varying(8)', 'postgresql'); // { kind: 'varbit', length: 8, raw: 'bit varying(8)' }
 * ```
 */
export function parseSqlType(sqlType: string, family: 'postgresql' | 'mysql'): ColumnType {
  const raw = sqlType.trim();
  let text = raw.toLowerCase();
  let dimensions = 0;
  while (/\[\d*\]$/.test(text)) {
    text = text.replace(/\[\d*\]$/, '').trim();
    dimensions++;
  }
  if (family === 'mysql') {
    const enumMatch = /^enum\((.*)\)$/s.exec(raw);
    if (enumMatch) return { kind: 'enum', enumValues: parseQuotedList(enumMatch[1] ?? ''), raw };
    // A SET has no portable kind: it passes through as its raw type, its members kept for DDL.
    const setMatch = /^set\((.*)\)$/is.exec(raw);
    if (setMatch) return { kind: 'unknown', enumValues: parseQuotedList(setMatch[1] ?? ''), raw };
    if (/^tinyint\(1\)/.test(text) || text === 'boolean' || text === 'bool') return { kind: 'boolean', raw };
    text = text.replace(/\s+(unsigned|signed|zerofill)\b/g, '').trim();
  }
  const args: number[] = [];
  const base = text
    .replace(/\s*\(([\d\s,]*)\)/, (_m, inner: string) => {
      for (const part of inner.split(',')) if (part.trim() !== '') args.push(Number(part.trim()));
      return '';
    })
    .replace(/\s+/g, ' ')
    .trim();
  const fields = family === 'postgresql' ? INTERVAL_FIELDS.exec(base)?.[1] : undefined;
  const kind = fields ? 'interval' : (family === 'mysql' ? MYSQL_NAMES : PG_NAMES)[base];
  const result: ColumnType = { kind: kind ?? 'unknown', raw };
  if (fields) result.fields = fields;
  if (dimensions > 0) result.dimensions = dimensions;
  if (!kind) return result;
  const [first, second] = args;
  if (kind === 'varchar' || kind === 'char') {
    if (first !== undefined) result.length = first;
    else if (kind === 'char' && family === 'postgresql' && base !== 'bpchar') result.length = 1;
  } else if (kind === 'numeric') {
    if (first !== undefined) result.precision = first;
    if (second !== undefined) result.scale = second;
    else if (first !== undefined) result.scale = 0;
  } else if (
    (kind === 'time' ||
      kind === 'timetz' ||
      kind === 'timestamp' ||
      kind === 'timestamptz' ||
      kind === 'interval') &&
    first !== undefined
  ) {
    result.precision = first;
  } else if (kind === 'bit' || kind === 'varbit') {
    if (first !== undefined) result.length = first;
    else if (kind === 'bit') result.length = 1;
  } else if (kind === 'bytea' && family === 'mysql' && first !== undefined && base !== 'blob') {
    result.length = first;
  }
  return result;
}

function parseQuotedList(inner: string): string[] {
  const values: string[] = [];
  const pattern = /'((?:[^'\\]|''|\\.)*)'/g;
  for (let match = pattern.exec(inner); match; match = pattern.exec(inner)) {
    values.push((match[1] ?? '').replace(/''/g, "'").replace(/\\(.)/g, '$1'));
  }
  return values;
}
