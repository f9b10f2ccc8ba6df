import type { ColumnType } from '../schema/table-schema.js';
import type { FamilyValues } from './family-values.js';
import { codePointLength, previewValue } from './rule-helpers.js';
import { rule, STRING, typeRule, type ValueRule } from './value-rule.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const RANGE = /^(?:empty|[[(](?:"(?:[^"\\]|\\.)*"|[^,"]*),(?:"(?:[^"\\]|\\.)*"|[^\])"]*)[\])])$/;
const TO_STRING = 'Convert it with String(value) in the transform.';

/**
 * A string rule: `must be a string (<sqlType>)`.
 * @internal
 *
 * @example
 * ```ts
 * stringType('interval', "Use interval text, e.g. '1 day'.").rule; // 'type:string'
 * ```
 */
export function stringType(sqlType: string, hint = TO_STRING): ValueRule {
  return typeRule('type:string', `a string (${sqlType})`, STRING, hint);
}

/**
 * Rules of text/varchar/char columns: an enum rule for a Drizzle `enum` config, else the SQL
 * family's own (a string, at most `length` characters, and what else the family limits).
 * @internal
 *
 * @example
 * ```ts
 * textRules({ kind: 'varchar', length: 200 }, postgresValues, 'varchar(200)', undefined).map((r) => r.rule);
 * // ['type:string', 'no-nul', 'max-length:200']
 * ```
 */
export function textRules(
  type: ColumnType,
  values: FamilyValues,
  sqlType: string,
  enumValues: readonly string[] | undefined,
): ValueRule[] {
  if (enumValues && enumValues.length > 0) return [enumRule(enumValues, `${sqlType} with enum values`)];
  return values.textRules(type, sqlType);
}

/**
 * The length rule of a text column with a `length`: at most that many characters, counted as
 * code points (as the database counts them); none without a length.
 * @internal
 *
 * @example
 * ```ts
 * maxLengthRules({ kind: 'varchar', length: 200 }, 'varchar(200)').map((r) => r.rule); // ['max-length:200']
 * ```
 */
export function maxLengthRules(type: ColumnType, sqlType: string): ValueRule[] {
  const max = type.length;
  if (max === undefined) return [];
  return [
    rule(
      `max-length:${max}`,
      (ref) => `(v.length <= ${max} || ${ref(codePointLength)}(v) <= ${max})`,
      (v) => `has ${codePointLength(v as string)} characters, more than ${sqlType} allows`,
      `Shorten it in the transform (e.g. value.slice(0, ${max})), or widen the column in the contract.`,
    ),
  ];
}

/**
 * The enum rule: one of the listed strings (a chain of `===` up to 8 values, a Set beyond).
 * @internal
 *
 * @example
 * ```ts
 * enumRule(['active', 'blocked'], 'enum customer_status').fail('gone').problem;
 * // "is \"gone\", not one of 'active', 'blocked' (enum customer_status)"
 * ```
 */
export function enumRule(values: readonly string[], label: string): ValueRule {
  const listed = values.map((value) => `'${value}'`).join(', ');
  return rule(
    'enum',
    (ref) =>
      values.length > 8
        ? `${ref(new Set(values))}.has(v)`
        : values.map((value) => `v === ${JSON.stringify(value)}`).join(' || ') || 'false',
    (v) => `is ${previewValue(v)}, not one of ${listed} (${label})`,
    'Map it to one of the allowed values in the transform, or add the value to the enum in the contract.',
  );
}

/**
 * Rules of uuid columns: a string in the 8-4-4-4-12 hex form.
 * @internal
 *
 * @example
 * ```ts
 * uuidRules('uuid').map((r) => r.rule); // ['type:string', 'format:uuid']
 * ```
 */
export function uuidRules(sqlType: string): ValueRule[] {
  return [
    stringType(sqlType),
    rule(
      'format:uuid',
      (ref) => `${ref(UUID)}.test(v)`,
      (v) => `is ${previewValue(v)}, not a UUID`,
      'Use the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx in hex digits (e.g. crypto.randomUUID()).',
    ),
  ];
}

/**
 * Rules of tstzrange columns (the `systime` of audit mixins): PostgreSQL range text.
 * @internal
 *
 * @example
 * ```ts
 * tstzrangeRules('tstzrange').map((r) => r.rule); // ['type:string', 'format:tstzrange']
 * ```
 */
export function tstzrangeRules(sqlType: string): ValueRule[] {
  return [
    stringType(sqlType),
    rule(
      'format:tstzrange',
      (ref) => `${ref(RANGE)}.test(v)`,
      (v) => `is ${previewValue(v)}, not a tstzrange`,
      "Use range syntax such as '[2024-01-01 00:00:00+00,infinity)', or leave the value out to use the column default.",
    ),
  ];
}
