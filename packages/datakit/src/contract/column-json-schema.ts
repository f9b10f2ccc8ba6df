import type { Column } from 'drizzle-orm';
import type { DialectFamily } from '../dialect/dialect-family.js';
import type { ColumnType } from '../schema/table-schema.js';
import { decimalPattern, integerRange } from '../values/number-rules.js';
import { TIMESTAMP } from '../values/rule-helpers.js';

/**
 * The JSON Schema types.
 *
 * @example
 * ```ts
 * const type: JsonSchemaType = 'integer';
 * ```
 */
export type JsonSchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/**
 * The subset of JSON Schema (draft 2020-12) that Datakit writes.
 *
 * @example
 * ```ts
 * const email: JsonSchema = { type: ['string', 'null'], maxLength: 200 };
 * ```
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: JsonSchemaType | JsonSchemaType[];
  format?: string;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: (string | null)[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  contentEncoding?: string;
  readOnly?: boolean;
  /** Datakit's own annotation on a datakit's schema: name, version, layer, system. */
  'x-datakit'?: { name: string; version: string; layer: string; system: string };
}

const NOT_NULL: JsonSchemaType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array'];
const TIME = '^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?$';

function scalar(column: Column, type: ColumnType, family: DialectFamily): JsonSchema {
  const representation = column.dataType;
  const enumValues = (column as Column & { enumValues?: readonly string[] }).enumValues;
  if (representation === 'custom' && !['bytea', 'tstzrange'].includes(type.kind)) return {};
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint': {
      const { min, max } = integerRange(type, family.values, column.getSQLType());
      const safe = BigInt(Number.MAX_SAFE_INTEGER);
      if (representation === 'number' || (min >= -safe && max <= safe)) {
        // Number mode holds only safe integers, as the validator enforces.
        const low = min < -safe ? -safe : min;
        const high = max > safe ? safe : max;
        return { type: 'integer', minimum: Number(low), maximum: Number(high) };
      }
      return {
        type: 'integer',
        format: min === 0n ? 'uint64' : 'int64',
        ...(min === 0n ? { minimum: 0 } : {}),
      };
    }
    case 'numeric':
      if (representation === 'number') return { type: 'number' };
      if (representation === 'bigint') return { type: 'integer' };
      return { type: 'string', pattern: decimalPattern(type).source };
    case 'real':
    case 'double':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'text':
    case 'varchar':
    case 'char':
      if (enumValues && enumValues.length > 0) return { type: 'string', enum: [...enumValues] };
      return type.length === undefined ? { type: 'string' } : { type: 'string', maxLength: type.length };
    case 'enum':
      return { type: 'string', enum: [...(type.enumValues ?? [])] };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'timestamp':
    case 'timestamptz':
      // Date-mode values serialize as ISO 8601; string mode carries the database's own text form.
      if (representation === 'string') return { type: 'string', pattern: TIMESTAMP.source };
      return { type: 'string', format: 'date-time' };
    case 'time':
      return { type: 'string', pattern: TIME };
    case 'interval':
    case 'tstzrange':
      return { type: 'string' };
    case 'bytea':
      return { type: 'string', contentEncoding: 'base64' };
    default:
      return {};
  }
}

function orNull(schema: JsonSchema): JsonSchema {
  if (schema.type === undefined) return schema;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const result: JsonSchema = { ...schema, type: [...types, 'null'] };
  if (schema.enum) result.enum = [...schema.enum, null];
  return result;
}

/**
 * The JSON Schema of one column's values as a row carries them in JSON: timestamps as ISO 8601
 * `date-time` (string-mode timestamps as the database prints them), dates as `date` (YYYY-MM-DD,
 * also for Date-mode columns: write `d.toISOString().slice(0, 10)`), numeric as decimal strings
 * (Drizzle's default mode), bytea as base64, nullable columns as type unions with `null`, arrays
 * with nullable items.
 * @internal
 *
 * @example
 * ```ts
 * columnJsonSchema(getTableColumns(customer).email, { kind: 'varchar', length: 200 }, false, postgresFamily);
 * // { type: 'string', maxLength: 200 }
 * ```
 */
export function columnJsonSchema(
  column: Column,
  type: ColumnType,
  nullable: boolean,
  family: DialectFamily,
): JsonSchema {
  const base = (column as Column & { baseColumn?: Column }).baseColumn;
  let schema: JsonSchema;
  if (base && family.drizzle.arrayElement(column)) {
    const elementType = { ...type, dimensions: Math.max(0, (type.dimensions ?? 1) - 1) };
    schema = { type: 'array', items: columnJsonSchema(base, elementType, true, family) };
  } else {
    schema = scalar(column, type, family);
  }
  if (schema.type === undefined) return nullable ? schema : { ...schema, type: [...NOT_NULL] };
  return nullable ? orNull(schema) : schema;
}
