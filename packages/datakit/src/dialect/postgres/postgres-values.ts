import type { FamilyValues } from '../../values/family-values.js';
import { numberType } from '../../values/number-rules.js';
import { isPgDateText, isPgTimestampText } from '../../values/pg-temporal-text.js';
import { isTimeString, previewValue } from '../../values/rule-helpers.js';
import { dateStringRules, timeFormatRules } from '../../values/temporal-rules.js';
import { maxLengthRules, stringType } from '../../values/text-rules.js';
import { rule } from '../../values/value-rule.js';
import { postgresDateRules } from './postgres-date-rules.js';

/**
 * What PostgreSQL columns hold: int2/int4/int8, text without NUL, real within ±3.4e38, dates
 * and timestamps from 4714 BC with ±infinity, microsecond precision by default, `timestamptz`
 * text with its `+00`.
 *
 * @example
 * ```ts
 * postgresValues.floatRules('real', 'real').map((r) => r.rule); // ['type:number', 'real-range']
 * ```
 * @internal
 */
export const postgresValues: FamilyValues = {
  integerRange: (type) => (type.kind === 'smallint' ? 'int2' : type.kind === 'integer' ? 'int4' : 'int8'),
  textRules: (type, sqlType) => [
    stringType(sqlType),
    rule(
      'no-nul',
      "v.indexOf('\\u0000') === -1",
      () => 'contains the NUL character (\\u0000), which PostgreSQL text cannot store',
      "Strip it in the transform: value.replaceAll('\\u0000', '').",
    ),
    ...maxLengthRules(type, sqlType),
  ],
  floatRules: (kind, sqlType) =>
    kind === 'real'
      ? [
          numberType(sqlType),
          rule(
            'real-range',
            // Math.fround rounds to the nearest float4 as PostgreSQL's input does: 3.4028235e38 (how
            // PostgreSQL prints the largest real) fits, 3.5e38 does not.
            '!Number.isFinite(v) || Number.isFinite(Math.fround(v))',
            (v) => `is ${previewValue(v)}, outside the range of real (±3.4e38)`,
            'Use double precision in the contract.',
          ),
        ]
      : [numberType(sqlType)],
  dateRules: (kind, sqlType, representation) =>
    representation === 'date'
      ? postgresDateRules(
          kind === 'date' ? 'date' : /with time zone/i.test(sqlType) ? 'timestamptz' : 'timestamp',
          sqlType,
        )
      : dateStringRules(
          kind,
          sqlType,
          kind === 'date' ? isPgDateText : isPgTimestampText,
          ", with ' BC' after BC values, or infinity",
        ),
  timeRules: (sqlType) => timeFormatRules(sqlType, isTimeString, "Use 'HH:MM[:SS[.ffffff]]'."),
  defaultTimePrecision: 6,
  earliestInstant: () => undefined,
  timestampText: (text, kind) => (kind === 'timestamptz' ? `${text}+00` : text),
};
