import type { FamilyValues } from './family-values.js';
import { isPgTimetzText } from './pg-temporal-text.js';
import { previewValue } from './rule-helpers.js';
import { rule, STRING, typeRule, type ValueRule } from './value-rule.js';

/**
 * Rules of date and timestamp columns: a Date (Drizzle mode 'date') or a string in the database's
 * text form (mode 'string'), as the SQL family holds them (PostgreSQL: ±infinity, BC and years
 * past 9999 included; see `PgDate`).
 * @internal
 *
 * @example
 * ```ts
 * dateRules('timestamp', postgresValues, 'timestamp with time zone', 'date').map((r) => r.rule);
 * // ['type:timestamp', 'valid-date', 'range:timestamp']
 * ```
 */
export function dateRules(
  kind: 'date' | 'timestamp',
  values: FamilyValues,
  sqlType: string,
  representation: string,
): ValueRule[] {
  return values.dateRules(kind, sqlType, representation);
}

/**
 * The rules of a date or timestamp column in Drizzle's `mode: 'string'`: a string that `test`
 * accepts. `formats` ends the hint (e.g. `, with ' BC' after BC values, or infinity`).
 * @internal
 *
 * @example
 * ```ts
 * dateStringRules('date', 'date', isDateString, '').map((r) => r.rule); // ['type:string', 'format:date']
 * ```
 */
export function dateStringRules(
  kind: 'date' | 'timestamp',
  sqlType: string,
  test: (text: string) => boolean,
  formats: string,
): ValueRule[] {
  const example =
    kind === 'date'
      ? "'YYYY-MM-DD' (e.g. date.toISOString().slice(0, 10))"
      : "'YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM]' (e.g. date.toISOString())";
  return [
    typeRule(
      'type:string',
      `a string (${sqlType}, Drizzle mode 'string')`,
      STRING,
      "Format it as a string, or declare the column with mode: 'date'.",
    ),
    rule(
      `format:${kind}`,
      (ref) => `${ref(test)}(v)`,
      (v) => `is ${previewValue(v)}, not a valid ${sqlType}`,
      `Use ${example}${formats}.`,
    ),
  ];
}

/**
 * Rules of time columns: the SQL family's own (`HH:MM[:SS[.ffffff]]` on PostgreSQL, a TIME up
 * to ±838 hours on MySQL), or with an offset for `timetz` (`12:00:00+05:30`).
 * @internal
 *
 * @example
 * ```ts
 * timeRules(postgresValues, 'time').map((r) => r.rule); // ['type:string', 'format:time']
 * ```
 */
export function timeRules(values: FamilyValues, sqlType: string, withZone = false): ValueRule[] {
  if (!withZone) return values.timeRules(sqlType);
  return timeFormatRules(
    sqlType,
    isPgTimetzText,
    "Use 'HH:MM[:SS[.ffffff]]+HH[:MM]', e.g. '12:00:00+05:30'.",
    'format:timetz',
  );
}

/**
 * The rules of a time column: a string that `test` accepts, `hint` saying the form, `name` naming
 * the format rule.
 * @internal
 *
 * @example
 * ```ts
 * timeFormatRules('time', isTimeString, "Use 'HH:MM[:SS[.ffffff]]'.").map((r) => r.rule); // ['type:string', 'format:time']
 * ```
 */
export function timeFormatRules(
  sqlType: string,
  test: (text: string) => boolean,
  hint: string,
  name = 'format:time',
): ValueRule[] {
  return [
    typeRule(
      'type:string',
      `a string (${sqlType})`,
      STRING,
      'Convert it with String(value) in the transform.',
    ),
    rule(
      name,
      (ref) => `${ref(test)}(v)`,
      (v) => `is ${previewValue(v)}, not a valid ${sqlType}`,
      hint,
    ),
  ];
}
