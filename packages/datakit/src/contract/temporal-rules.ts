import { isDateString, isTimeString, isTimestampString, previewValue } from './rule-helpers.js';
import { rule, STRING, typeRule, type ValueRule } from './value-rule.js';

/**
 * Rules of date and timestamp columns: a valid Date (Drizzle mode 'date'), or a string in the
 * database's text form (mode 'string') naming a day that exists.
 * @internal
 *
 * @example
 * ```ts
 * dateRules('timestamp', 'postgresql', 'timestamp with time zone', 'date').map((r) => r.rule);
 * // ['type:timestamp', 'valid-date']
 * ```
 */
export function dateRules(
  kind: 'date' | 'timestamp',
  family: 'postgresql' | 'mysql',
  sqlType: string,
  representation: string,
): ValueRule[] {
  if (representation === 'date') {
    return [
      typeRule(
        `type:${kind}`,
        `a Date (${sqlType}, Drizzle mode 'date')`,
        'v instanceof Date',
        `Pass a Date (e.g. new Date(value)), or declare the column with mode: 'string'.`,
      ),
      rule(
        'valid-date',
        '!Number.isNaN(v.getTime())',
        () => 'is an Invalid Date (its getTime() is NaN)',
        'Check how the transform parses the source value; new Date(text) gives Invalid Date for text it cannot parse.',
      ),
    ];
  }
  const test = kind === 'date' ? isDateString : isTimestampString;
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
      `Use ${example}${family === 'mysql' ? '' : ', or infinity'}.`,
    ),
  ];
}

/**
 * Rules of time columns: `HH:MM[:SS[.ffffff]]` (PostgreSQL), or a MySQL TIME up to ±838 hours.
 * @internal
 *
 * @example
 * ```ts
 * timeRules('postgresql', 'time').map((r) => r.rule); // ['type:string', 'format:time']
 * ```
 */
export function timeRules(family: 'postgresql' | 'mysql', sqlType: string): ValueRule[] {
  const mysql = family === 'mysql';
  return [
    typeRule(
      'type:string',
      `a string (${sqlType})`,
      STRING,
      'Convert it with String(value) in the transform.',
    ),
    rule(
      'format:time',
      (ref) => `${ref(isTimeString)}(v, ${mysql})`,
      (v) => `is ${previewValue(v)}, not a valid ${sqlType}`,
      mysql ? "Use '[-]HHH:MM[:SS[.ffffff]]'." : "Use 'HH:MM[:SS[.ffffff]]'.",
    ),
  ];
}
