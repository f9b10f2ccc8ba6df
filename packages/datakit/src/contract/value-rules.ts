import type { Column } from 'drizzle-orm';
import type { ColumnType } from '../schema/table-schema.js';
import { floatRules, integerRules, numericRules } from './number-rules.js';
import { fitsBytes, isJsonValue } from './rule-helpers.js';
import { dateRules, timeRules } from './temporal-rules.js';
import { enumRule, stringType, textRules, tstzrangeRules, uuidRules } from './text-rules.js';
import { compileElements, rule, typeRule, type ValueRule } from './value-rule.js';

type DrizzleColumn = Column & { baseColumn?: Column; enumValues?: readonly string[] | undefined };

function arrayRules(
  base: Column,
  type: ColumnType,
  family: 'postgresql' | 'mysql',
  sqlType: string,
): ValueRule[] {
  const elements = valueRules(base, { ...type, dimensions: Math.max(0, (type.dimensions ?? 1) - 1) }, family);
  const each = rule(
    'elements',
    (ref) => `${ref(compileElements(elements))}(v)`,
    () => 'has an invalid element',
    'Fix the element.',
  );
  return [
    typeRule(
      'type:array',
      `an array (${sqlType})`,
      'Array.isArray(v)',
      'Pass an array (e.g. text.split(",")), or null.',
    ),
    { ...each, elements },
  ];
}

function byteaRules(type: ColumnType, sqlType: string, representation: string): ValueRule[] {
  if (representation !== 'string') {
    return [
      typeRule(
        'type:bytes',
        `a Buffer or Uint8Array (${sqlType})`,
        'v instanceof Uint8Array',
        "Pass a Buffer (e.g. Buffer.from(value, 'base64')).",
      ),
    ];
  }
  // Drizzle's MySQL binary/varbinary columns are typed as strings; mysql2 also accepts Buffers.
  const rules = [
    typeRule(
      'type:bytes',
      `a string or Uint8Array (${sqlType})`,
      "typeof v === 'string' || v instanceof Uint8Array",
      'Pass a Buffer or a string.',
    ),
  ];
  const max = type.length;
  if (max !== undefined) {
    rules.push(
      rule(
        `max-bytes:${max}`,
        (ref) => `${ref(fitsBytes)}(v, ${max})`,
        () => `is longer than ${sqlType} holds (${max} bytes)`,
        'Shorten it in the transform, or widen the column.',
      ),
    );
  }
  return rules;
}

/**
 * The rules a non-null value of a Drizzle column must pass, following Drizzle's runtime
 * representation of the column (its mode): integers as safe numbers or bigints, numeric as decimal
 * strings (or numbers/bigints), timestamps as Dates (or strings), bytea as Uint8Array, arrays
 * element by element. Custom types are checked only for bytea, enum and tstzrange, since a custom
 * type may map any JavaScript value to the driver.
 * @internal
 *
 * @example
 * ```ts
 * valueRules(getTableColumns(customer).email, { kind: 'varchar', length: 200 }, 'postgresql').map((r) => r.rule);
 * // ['type:string', 'no-nul', 'max-length:200']
 * ```
 */
export function valueRules(column: Column, type: ColumnType, family: 'postgresql' | 'mysql'): ValueRule[] {
  const drizzle = column as DrizzleColumn;
  const sqlType = column.getSQLType();
  if (column.columnType === 'PgArray' && drizzle.baseColumn) {
    return arrayRules(drizzle.baseColumn, type, family, sqlType);
  }
  const representation = column.dataType;
  if (representation === 'custom' && !['bytea', 'enum', 'tstzrange'].includes(type.kind)) return [];
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return integerRules(type, family, sqlType, representation);
    case 'numeric':
      return numericRules(type, sqlType, representation);
    case 'real':
    case 'double':
      return floatRules(type.kind, family, sqlType);
    case 'boolean':
      return [
        typeRule(
          'type:boolean',
          `a boolean (${sqlType})`,
          "typeof v === 'boolean'",
          "Convert it in the transform (e.g. value === 'Y' or Boolean(value)).",
        ),
      ];
    case 'text':
    case 'varchar':
    case 'char':
      return textRules(type, family, sqlType, drizzle.enumValues);
    case 'enum':
      return [enumRule(type.enumValues ?? [], /^enum\b/i.test(sqlType) ? sqlType : `enum ${sqlType}`)];
    case 'uuid':
      return uuidRules(sqlType);
    case 'date':
      return dateRules('date', family, sqlType, representation);
    case 'timestamp':
    case 'timestamptz':
      return dateRules('timestamp', family, sqlType, representation);
    case 'time':
      return timeRules(family, sqlType);
    case 'interval':
      return [stringType(sqlType, "Use PostgreSQL interval text, e.g. '1 day 02:00:00'.")];
    case 'json':
    case 'jsonb':
      return [
        typeRule(
          'type:json',
          `a JSON value (${sqlType})`,
          (ref) => `${ref(isJsonValue)}(v)`,
          'Store plain data only: convert Dates with toISOString(), bigints with String(), Maps with Object.fromEntries(), and remove cycles, NaN and functions.',
        ),
      ];
    case 'bytea':
      return byteaRules(type, sqlType, representation);
    case 'tstzrange':
      return tstzrangeRules(sqlType);
    default:
      return [];
  }
}
