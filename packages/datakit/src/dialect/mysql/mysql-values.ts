import type { FamilyValues } from '../../values/family-values.js';
import { numberType } from '../../values/number-rules.js';
import {
  fitsBytes,
  isDateString,
  isTimestampString,
  previewValue,
  validClock,
} from '../../values/rule-helpers.js';
import { dateStringRules, timeFormatRules } from '../../values/temporal-rules.js';
import { maxLengthRules, stringType } from '../../values/text-rules.js';
import { rule, typeRule } from '../../values/value-rule.js';

const TEXT_BYTES: Record<string, number> = { tinytext: 255, text: 65535, mediumtext: 16777215 };
const INT_SIZES: [RegExp, number][] = [
  [/^tinyint/, 1],
  [/^smallint/, 2],
  [/^mediumint/, 3],
  [/^int/, 4],
];
const TIME = /^-?\d{1,3}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?$/;
// TIMESTAMP starts at 1970-01-01 00:00:01 UTC; a day later stays clear of it in any time zone.
const TIMESTAMP_MIN = Date.UTC(1970, 0, 2);

/**
 * A MySQL `TIME`: a duration up to ±838:59:59.
 *
 * @example
 * ```ts
 * isMysqlTime('-838:59:59'); // true
 * ```
 * @internal
 */
export function isMysqlTime(text: string): boolean {
  return TIME.test(text) && validClock(text, text.charCodeAt(0) === 45 ? 1 : 0, 838, 59);
}

/**
 * What MySQL/MariaDB columns hold: tinyint..bigint signed or unsigned, the byte limits of
 * tinytext/text/mediumtext, finite floats only, plain dates, TIME durations, whole seconds by
 * default, and TIMESTAMP from 1970 on.
 *
 * @example
 * ```ts
 * mysqlValues.integerRange({ kind: 'smallint' }, 'tinyint unsigned'); // 'uint1'
 * ```
 * @internal
 */
export const mysqlValues: FamilyValues = {
  integerRange: (_type, sqlType) => {
    const lower = sqlType.toLowerCase();
    const size = INT_SIZES.find(([pattern]) => pattern.test(lower))?.[1] ?? 8;
    return `${/unsigned|^serial/.test(lower) ? 'u' : ''}int${size}`;
  },
  textRules: (type, sqlType) => {
    const bytes = TEXT_BYTES[sqlType.toLowerCase()];
    return [
      stringType(sqlType),
      ...maxLengthRules(type, sqlType),
      ...(bytes === undefined
        ? []
        : [
            rule(
              `max-bytes:${bytes}`,
              (ref) => `${ref(fitsBytes)}(v, ${bytes})`,
              (v) =>
                `is ${Buffer.byteLength(v as string)} bytes of UTF-8, more than ${sqlType} holds (${bytes})`,
              'Shorten it in the transform, or use a larger MySQL text type (mediumtext, longtext).',
            ),
          ]),
    ];
  },
  floatRules: (_kind, sqlType) => [
    numberType(sqlType),
    rule(
      'finite',
      'Number.isFinite(v)',
      (v) => `is ${previewValue(v)}, which MySQL cannot store`,
      'Map NaN and Infinity to null or a number in the transform.',
    ),
  ],
  dateRules: (kind, sqlType, representation) =>
    representation === 'date'
      ? [
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
        ]
      : dateStringRules(kind, sqlType, kind === 'date' ? isDateString : isTimestampString, ''),
  timeRules: (sqlType) => timeFormatRules(sqlType, isMysqlTime, "Use '[-]HHH:MM[:SS[.ffffff]]'."),
  defaultTimePrecision: 0,
  earliestInstant: (kind) => (kind === 'timestamptz' ? TIMESTAMP_MIN : undefined),
  timestampText: (text) => text,
};
