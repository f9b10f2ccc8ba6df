import type { ColumnType } from '../../schema/table-schema.js';
import { applyTypeArguments, arrayDimensions, typeArguments } from '../sql-type-parts.js';

const NAMES: Record<string, ColumnType['kind']> = {
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

/**
 * Parses a PostgreSQL type as `format_type` or Drizzle's pg-core `getSQLType()` spell it (see
 * {@link parseSqlType}): `character(1)` by default for `char`, interval fields, array dimensions.
 * @internal
 *
 * @example
 * ```ts
 * parsePostgresType('timestamp (3) with time zone'); // { kind: 'timestamptz', precision: 3, raw: ... }
 * parsePostgresType('interval day to second'); // { kind: 'interval', fields: 'day to second', raw: ... }
 * ```
 */
export function parsePostgresType(sqlType: string): ColumnType {
  const { raw, text, dimensions } = arrayDimensions(sqlType);
  const { base, args } = typeArguments(text);
  const fields = INTERVAL_FIELDS.exec(base)?.[1];
  const kind = fields ? 'interval' : NAMES[base];
  const result: ColumnType = { kind: kind ?? 'unknown', raw };
  if (fields) result.fields = fields;
  if (dimensions > 0) result.dimensions = dimensions;
  if (!kind) return result;
  applyTypeArguments(result, args);
  if (kind === 'char' && args[0] === undefined && base !== 'bpchar') result.length = 1;
  return result;
}
