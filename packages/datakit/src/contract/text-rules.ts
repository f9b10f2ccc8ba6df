import type { ColumnType } from '../schema/table-schema.js';
import { codePointLength, fitsBytes, previewValue } from './rule-helpers.js';
import { rule, STRING, typeRule, type ValueRule } from './value-rule.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const RANGE = /^(?:empty|[[(](?:"(?:[^"\\]|\\.)*"|[^,"]*),(?:"(?:[^"\\]|\\.)*"|[^\])"]*)[\])])$/;
const MYSQL_TEXT_BYTES: Record<string, number> = { tinytext: 255, text: 65535, mediumtext: 16777215 };
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
 * Rules of text/varchar/char columns: a string, without NUL characters on PostgreSQL, at most
 * `length` characters counted as code points (as the database counts them), within MySQL's byte
 * limits of tinytext/text/mediumtext. A Drizzle `enum` config makes it an enum rule.
 * @internal
 *
 * @example
 * ```ts
 * textRules({ kind: 'varchar', length: 200 }, 'postgresql', 'varchar(200)', undefined).map((r) => r.rule);
 * // ['type:string', 'no-nul', 'max-length:200']
 * ```
 */
export function textRules(
  type: ColumnType,
  family: 'postgresql' | 'mysql',
  sqlType: string,
  enumValues: readonly string[] | undefined,
): ValueRule[] {
  if (enumValues && enumValues.length > 0) return [enumRule(enumValues, `${sqlType} with enum values`)];
  const rules = [stringType(sqlType)];
  if (family === 'postgresql') {
    rules.push(
      rule(
        'no-nul',
        "v.indexOf('\\u0000') === -1",
        () => 'contains the NUL character (\\u0000), which PostgreSQL text cannot store',
        "Strip it in the transform: value.replaceAll('\\u0000', '').",
      ),
    );
  }
  const max = type.length;
  if (max !== undefined) {
    rules.push(
      rule(
        `max-length:${max}`,
        (ref) => `(v.length <= ${max} || ${ref(codePointLength)}(v) <= ${max})`,
        (v) => `has ${codePointLength(v as string)} characters, more than ${sqlType} allows`,
        `Shorten it in the transform (e.g. value.slice(0, ${max})), or widen the column in the contract.`,
      ),
    );
  }
  const bytes = family === 'mysql' ? MYSQL_TEXT_BYTES[sqlType.toLowerCase()] : undefined;
  if (bytes !== undefined) {
    rules.push(
      rule(
        `max-bytes:${bytes}`,
        (ref) => `${ref(fitsBytes)}(v, ${bytes})`,
        (v) => `is ${Buffer.byteLength(v as string)} bytes of UTF-8, more than ${sqlType} holds (${bytes})`,
        'Shorten it in the transform, or use a larger MySQL text type (mediumtext, longtext).',
      ),
    );
  }
  return rules;
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
