import type { Semantic } from './semantic-of.js';
import type { ColumnPlan } from './table-plan.js';
import type { ValueContext, ValueGenerator } from './value-context.js';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a UTC instant. @internal */
export function isoDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function timeOfDay(date: Date, fractionDigits: number): string {
  const base = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const ms = date.getUTCMilliseconds();
  if (fractionDigits === 0 || ms === 0) return base;
  return `${base}.${pad(ms, 3).slice(0, Math.min(3, fractionDigits)).replace(/0+$/, '')}`;
}

/** UTC offsets of real time zones, most of them whole hours. */
const OFFSETS = [
  '+00',
  '+00',
  '+01',
  '+02',
  '+03',
  '-03',
  '-05',
  '-06',
  '-08',
  '+05:30',
  '+08',
  '+09',
  '+10',
];

/** Interval text for each `interval <fields>` restriction, with no unit below its last field. */
const INTERVALS: Record<string, (n: (max: number) => number) => string> = {
  year: (n) => `${n(30)} years`,
  month: (n) => `${n(36)} mons`,
  'year to month': (n) => `${n(10)} years ${n(11)} mons`,
  day: (n) => `${n(90)} days`,
  hour: (n) => `${n(72)} hours`,
  minute: (n) => `${n(600)} minutes`,
  second: (n) => `${n(3600)} seconds`,
  'day to hour': (n) => `${n(30)} days ${pad(n(23))}:00:00`,
  'day to minute': (n) => `${n(30)} days ${pad(n(23))}:${pad(n(59))}:00`,
  'day to second': (n) => `${n(30)} days ${pad(n(23))}:${pad(n(59))}:${pad(n(59))}`,
  'hour to minute': (n) => `${pad(n(23))}:${pad(n(59))}:00`,
  'hour to second': (n) => `${pad(n(23))}:${pad(n(59))}:${pad(n(59))}`,
  'minute to second': (n) => `00:${pad(n(59))}:${pad(n(59))}`,
};

function intervalGenerator(fields: string | undefined): ValueGenerator {
  const render = fields === undefined ? undefined : INTERVALS[fields];
  if (!render) return ({ faker }) => `${faker.number.int({ min: 1, max: 90 })} days`;
  return ({ faker }) => render((max) => faker.number.int({ min: 1, max }));
}

function windowFor(semantic: Semantic, now: number): [number, number] {
  switch (semantic) {
    case 'birthDate':
      return [now - 90 * YEAR, now - 18 * YEAR];
    case 'futureDate':
      return [now + DAY, now + YEAR];
    case 'updatedAt':
    case 'flagged':
      return [now - YEAR, now - 1];
    default:
      return [now - 3 * YEAR, now - 1];
  }
}

function asTime(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') {
    const time = Date.parse(
      value.includes('T') || value.length <= 10 ? value : `${value.replace(' ', 'T')}Z`,
    );
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}

/**
 * A generator of dates, timestamps, times and intervals inside a window around `now`: birth dates
 * 18-90 years back, due dates in the coming year, `updated_at` after the row's `created_at`, and
 * anything else in the last three years; times of day (with a zone's offset for timetz) and
 * intervals that fit an `interval <fields>` restriction. Dates and timestamps come as `Date` or as the string
 * Drizzle's `mode: 'string'` returns; precision (MySQL seconds by default) is respected.
 *
 * @internal
 * @example
 * ```ts
 * dateGenerator('birthDate', plan.byKey.get('birthDate')!, undefined);
 * ```
 */
export function dateGenerator(
  semantic: Semantic,
  column: ColumnPlan,
  createdKey: string | undefined,
): ValueGenerator {
  const { kind } = column.type;
  const clock: ValueGenerator = ({ faker }) =>
    timeOfDay(new Date(faker.number.int({ min: 0, max: DAY / 1000 - 1 }) * 1000), 0);
  if (kind === 'time') return clock;
  if (kind === 'timetz')
    return (context) => `${clock(context)}${context.faker.helpers.arrayElement(OFFSETS)}`;
  if (kind === 'interval') return intervalGenerator(column.type.fields);
  const earliest = column.family.values.earliestInstant(kind);
  const instant = ({ faker, now, row }: ValueContext): number => {
    let [from, to] = windowFor(semantic, now.getTime());
    const created = semantic === 'updatedAt' && createdKey ? asTime(row[createdKey]) : undefined;
    if (created !== undefined && created < now.getTime()) from = created;
    if (earliest !== undefined) from = Math.max(from, earliest);
    return faker.number.int({ min: from, max: Math.max(from, to) });
  };
  return (context) => formatInstant(column, instant(context));
}

/**
 * A point in time in the column's own representation: `Date`, `YYYY-MM-DD`, or the timestamp
 * string of Drizzle's `mode: 'string'`, cut to the column's precision.
 *
 * @internal
 * @example
 * ```ts
 * formatInstant(updatedAtColumn, Date.UTC(2025, 0, 2)); // Date 2025-01-02T00:00:00.000Z
 * ```
 */
export function formatInstant(column: ColumnPlan, time: number): unknown {
  const { kind } = column.type;
  if (kind === 'date') {
    const day = new Date(Math.floor(time / DAY) * DAY);
    return column.runtime === 'date' ? day : isoDate(day);
  }
  const precision = column.type.precision ?? column.family.values.defaultTimePrecision;
  const unit = precision >= 3 ? 1 : 10 ** (3 - precision);
  const date = new Date(Math.floor(time / unit) * unit);
  if (column.runtime === 'date') return date;
  const text = `${isoDate(date)} ${timeOfDay(date, precision)}`;
  return column.family.values.timestampText(text, kind);
}
