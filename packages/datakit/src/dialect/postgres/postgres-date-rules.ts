import { PG_MIN_MS, PgDate, type PgDateKind, pgHoldsDate } from '../../values/pg-date.js';
import { previewValue } from '../../values/rule-helpers.js';
import { rule, typeRule, type ValueRule } from '../../values/value-rule.js';

function sourceDate(v: unknown): v is PgDate {
  return v instanceof PgDate && Object.is(v.getTime(), v.pgTime);
}

function isUsableDate(v: Date): boolean {
  return !Number.isNaN(v.getTime()) || sourceDate(v);
}

function shown(v: Date): string {
  return v instanceof PgDate ? v.pgText : previewValue(v);
}

/**
 * The rules of a PostgreSQL date or timestamp column in Drizzle's `mode: 'date'`: a Date that is
 * valid (or an unchanged source value past a Date's range, see `PgDate`) and that PostgreSQL holds.
 * @internal
 *
 * @example
 * ```ts
 * postgresDateRules('timestamptz', 'timestamp with time zone').map((r) => r.rule);
 * // ['type:timestamp', 'valid-date', 'range:timestamp']
 * ```
 */
export function postgresDateRules(kind: PgDateKind, sqlType: string): ValueRule[] {
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
