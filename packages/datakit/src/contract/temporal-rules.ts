import { PG_MIN_MS, PgDate, type PgDateKind, pgHoldsDate } from '../transfer/pg-date.js';
import { isPgDateText, isPgTimestampText, isPgTimetzText } from './pg-temporal-text.js';
import { isDateString, isTimeString, isTimestampString, previewValue } from './rule-helpers.js';
import { rule, STRING, typeRule, type ValueRule } from './value-rule.js';

function sourceDate(v: unknown): v is PgDate {
  return v instanceof PgDate && Object.is(v.getTime(), v.pgTime);
}

function isUsableDate(v: Date): boolean {
  return !Number.isNaN(v.getTime()) || sourceDate(v);
}

function shown(v: Date): string {
  return v instanceof PgDate ? v.pgText : previewValue(v);
}

/** PostgreSQL rules of Date-mode columns; MySQL keeps a plain validity check. */
function pgDateRules(kind: PgDateKind, sqlType: string): ValueRule[] {
  const valid = rule(
    'valid-date',
    (ref) => `${ref(isUsableDate)}(v)`,
    () => '',
    '',
  );
  const range = rule(
    `range:${kind === 'date' ? 'date' : 'timestamp'}`,
    (ref) => `(v.getTime() >= ${PG_MIN_MS} || ${ref(pgHoldsDate)}(v, '${kind}'))`,
    () => '',
    '',
  );
  return [
    typeRule(
      `type:${kind === 'date' ? 'date' : 'timestamp'}`,
      `a Date (${sqlType}, Drizzle mode 'date')`,
      'v instanceof Date',
      `Pass a Date (e.g. new Date(value)), or declare the column with mode: 'string'.`,
    ),
    {
      ...valid,
      // The range rule fails whenever this one does, so check() leaves this one out.
      checkTest: () => 'true',
      fail: (v) =>
        v instanceof PgDate
          ? {
              problem: `is an Invalid Date (its getTime() is NaN), changed from the source value ${v.pgText}`,
              hint: 'Keep the source value as it is (it is written exactly), or build a valid Date.',
            }
          : {
              problem: 'is an Invalid Date (its getTime() is NaN)',
              hint: 'The transform built a Date from something it could not parse (new Date(text) gives Invalid Date for text it does not understand): fix that conversion, or pass the source value through unchanged.',
            },
    },
    {
      ...range,
      fail: (v) =>
        sourceDate(v)
          ? {
              problem: `is ${shown(v)} (the source value, past what a JavaScript Date holds), which ${sqlType} cannot hold`,
              hint: "Use a column type that holds it (date holds years to 5874897 AD, timestamp to 294276 AD), or map the value in the transform; mode: 'string' shows the text.",
            }
          : {
              problem: `is ${shown(v as Date)}, before 4714-11-24 BC, the earliest ${sqlType} PostgreSQL holds`,
              hint: 'Fix the value, or use new Date(-8.64e15), which is written as -infinity.',
            },
    },
  ];
}

/**
 * Rules of date and timestamp columns: a Date (Drizzle mode 'date') that PostgreSQL holds (see
 * `PgDate` for ±infinity and source values past a Date's range), or a string in the database's
 * text form (mode 'string'): on PostgreSQL any value it prints, `infinity`, BC and years past 9999
 * included.
 * @internal
 *
 * @example
 * ```ts
 * dateRules('timestamp', 'postgresql', 'timestamp with time zone', 'date').map((r) => r.rule);
 * // ['type:timestamp', 'valid-date', 'range:timestamp']
 * ```
 */
export function dateRules(
  kind: 'date' | 'timestamp',
  family: 'postgresql' | 'mysql',
  sqlType: string,
  representation: string,
): ValueRule[] {
  if (representation === 'date') {
    if (family === 'postgresql')
      return pgDateRules(
        kind === 'date' ? 'date' : /with time zone/i.test(sqlType) ? 'timestamptz' : 'timestamp',
        sqlType,
      );
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
  const pg = family === 'postgresql';
  const test =
    kind === 'date' ? (pg ? isPgDateText : isDateString) : pg ? isPgTimestampText : isTimestampString;
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
      `Use ${example}${family === 'mysql' ? '' : ", with ' BC' after BC values, or infinity"}.`,
    ),
  ];
}

/**
 * Rules of time columns: `HH:MM[:SS[.ffffff]]` (PostgreSQL), with an offset for `timetz`
 * (`12:00:00+05:30`), or a MySQL TIME up to ±838 hours.
 * @internal
 *
 * @example
 * ```ts
 * timeRules('postgresql', 'time').map((r) => r.rule); // ['type:string', 'format:time']
 * ```
 */
export function timeRules(family: 'postgresql' | 'mysql', sqlType: string, withZone = false): ValueRule[] {
  const mysql = family === 'mysql';
  if (withZone) {
    return [
      typeRule(
        'type:string',
        `a string (${sqlType})`,
        STRING,
        'Convert it with String(value) in the transform.',
      ),
      rule(
        'format:timetz',
        (ref) => `${ref(isPgTimetzText)}(v)`,
        (v) => `is ${previewValue(v)}, not a valid ${sqlType}`,
        "Use 'HH:MM[:SS[.ffffff]]+HH[:MM]', e.g. '12:00:00+05:30'.",
      ),
    ];
  }
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
