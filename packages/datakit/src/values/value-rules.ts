import type { Column } from 'drizzle-orm';
import type { ColumnType } from '../schema/table-schema.js';
import { bitRules } from './bit-rules.js';
import type { FamilyValues } from './family-values.js';
import { jsonRules } from './json-rules.js';
import { networkRules } from './network-rules.js';
import { integerRules, numericRules } from './number-rules.js';
import { fitsBytes } from './rule-helpers.js';
import { dateRules, timeRules } from './temporal-rules.js';
import { enumRule, stringType, textRules, tstzrangeRules, uuidRules } from './text-rules.js';
import { compileElements, rule, typeRule, type ValueRule } from './value-rule.js';

type DrizzleColumn = Column & { baseColumn?: Column; enumValues?: readonly string[] | undefined };

/** PostgreSQL arrays are rectangular: sub-arrays of one level have one length and nesting, no NULLs among them. */
function rectangular(value: readonly unknown[]): boolean {
  for (const item of value) if (Array.isArray(item)) return shapeOf(value) !== undefined;
  return true;
}

function shapeOf(value: readonly unknown[]): string | undefined {
  let arrays = 0;
  for (const item of value) if (Array.isArray(item)) arrays++;
  if (arrays === 0) return `${value.length}`;
  if (arrays !== value.length) return undefined;
  let inner: string | undefined;
  for (const item of value) {
    const shape = shapeOf(item as unknown[]);
    if (shape === undefined || (inner !== undefined && shape !== inner)) return undefined;
    inner = shape;
  }
  return `${value.length},${inner}`;
}

/**
 * Arrays of any number of dimensions, as PostgreSQL has them (an `integer[]` column may hold
 * `{{1,2},{3,4}}`, and an `integer[][]` column `{1,2}`): every leaf checked by the element type's
 * rules, and the shape rectangular.
 */
function arrayRules(base: Column, type: ColumnType, values: FamilyValues, sqlType: string): ValueRule[] {
  const elements = valueRules(base, { ...type, dimensions: 0 }, values);
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
    rule(
      'array-shape',
      (ref) => `${ref(rectangular)}(v)`,
      () =>
        'is not rectangular: PostgreSQL needs sub-arrays of one level to have the same length and nesting',
      'Pad the sub-arrays to one length (with null elements), or store the value as json.',
    ),
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
 * element by element at any depth, network addresses and bit strings by their form. Custom types
 * are checked only for bytea, enum and tstzrange, since a custom type may map any JavaScript value
 * to the driver; raw pass-through types (kind `unknown`) are not checked: the database does.
 * `values` is the SQL family's (`family.values`); `element`, the innermost element column of an
 * array column (`family.drizzle.arrayElement(column)`).
 * @internal
 *
 * @example
 * ```ts
 * valueRules(getTableColumns(customer).email, { kind: 'varchar', length: 200 }, postgresValues).map((r) => r.rule);
 * // ['type:string', 'no-nul', 'max-length:200']
 * ```
 */
export function valueRules(
  column: Column,
  type: ColumnType,
  values: FamilyValues,
  element?: Column,
): ValueRule[] {
  const drizzle = column as DrizzleColumn;
  const sqlType = column.getSQLType();
  if (element) return arrayRules(element, type, values, sqlType);
  const representation = column.dataType;
  if (representation === 'custom' && !['bytea', 'enum', 'tstzrange'].includes(type.kind)) return [];
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return integerRules(type, values, sqlType, representation);
    case 'numeric':
      return numericRules(type, sqlType, representation);
    case 'real':
    case 'double':
      return values.floatRules(type.kind, sqlType);
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
      return textRules(type, values, sqlType, drizzle.enumValues);
    case 'enum':
      return [enumRule(type.enumValues ?? [], /^enum\b/i.test(sqlType) ? sqlType : `enum ${sqlType}`)];
    case 'uuid':
      return uuidRules(sqlType);
    case 'date':
      return dateRules('date', values, sqlType, representation);
    case 'timestamp':
    case 'timestamptz':
      return dateRules('timestamp', values, sqlType, representation);
    case 'time':
      return timeRules(values, sqlType);
    case 'timetz':
      return timeRules(values, sqlType, true);
    case 'inet':
    case 'cidr':
    case 'macaddr':
    case 'macaddr8':
      return networkRules(type.kind, sqlType);
    case 'bit':
    case 'varbit':
      return representation === 'string' ? bitRules(type, sqlType) : [];
    case 'interval':
      return [stringType(sqlType, "Use PostgreSQL interval text, e.g. '1 day 02:00:00'.")];
    case 'json':
    case 'jsonb':
      return jsonRules(type.kind, sqlType);
    case 'bytea':
      return byteaRules(type, sqlType, representation);
    case 'tstzrange':
      return tstzrangeRules(sqlType);
    default:
      return [];
  }
}
