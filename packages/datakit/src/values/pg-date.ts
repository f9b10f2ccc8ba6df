import { parsePgTimestamp } from './pg-timestamp-text.js';

/**
 * Which PostgreSQL type a {@link PgDate}'s text was read from.
 *
 * @example
 * ```ts
 * const kind: PgDateKind = 'timestamptz';
 * ```
 */
export type PgDateKind = 'timestamptz' | 'timestamp' | 'date';

/**
 * The largest |epoch ms| a JS Date holds; `±MAX_DATE_MS` stands for PostgreSQL's `±infinity`.
 *
 * @example
 * ```ts
 * const validTo = new Date(MAX_DATE_MS); // written as 'infinity'
 * ```
 */
export const MAX_DATE_MS = 8.64e15;
/**
 * 4714-11-24 00:00:00 BC (UTC), the earliest date and timestamp PostgreSQL holds.
 *
 * @example
 * ```ts
 * if (date.getTime() < PG_MIN_MS) reject(date);
 * ```
 */
export const PG_MIN_MS = -210_866_803_200_000;
const TIMESTAMP_MAX_YEAR = 294276;

/**
 * A Date read from PostgreSQL text that remembers that text. What a transform sees in a
 * `mode: 'date'` column (Drizzle's default for timestamps):
 * - a normal Date, truncated to milliseconds (the text keeps the microseconds);
 * - `infinity` / `-infinity` as the Date extremes `new Date(±8.64e15)`, so comparisons and sorting
 *   work; any Date at those extremes is written back as `±infinity`;
 * - a value a Date cannot hold (timestamps past 275760 AD, dates up to 5874897 AD) as an Invalid
 *   Date (`getTime()` is NaN) that still carries its text.
 *
 * Passed through unchanged, the original text is written (converted between date, timestamp and
 * timestamptz without loss where the target type holds the value), so every value is exact; a
 * transform that needs to compute on values past a Date's range declares the column with
 * `mode: 'string'` and gets PostgreSQL's text.
 *
 * @example
 * ```ts
 * const d = PgDate.fromText('1970-01-01 00:00:00.000001+00', 'timestamptz');
 * d.getTime(); // 0 — a normal Date to the transform
 * d.textFor('timestamp'); // '1970-01-01 00:00:00.000001'
 * ```
 * @internal
 */
export class PgDate extends Date {
  readonly pgText: string;
  readonly pgKind: PgDateKind;
  readonly pgTime: number;

  constructor(time: number, text: string, kind: PgDateKind) {
    super(time);
    this.pgText = text;
    this.pgKind = kind;
    this.pgTime = time;
  }

  /** The Date for PostgreSQL text of `kind` (ISO DateStyle, UTC). */
  static fromText(text: string, kind: PgDateKind): PgDate {
    let time: number;
    if (text === 'infinity') time = MAX_DATE_MS;
    else if (text === '-infinity') time = -MAX_DATE_MS;
    else {
      time = parsePgTimestamp(text);
      // The extremes stand for ±infinity only.
      if (!(time > -MAX_DATE_MS && time < MAX_DATE_MS)) time = Number.NaN;
    }
    return new PgDate(time, text, kind);
  }

  /**
   * The exact text to write into a column of `kind`, when this Date is unchanged and the text
   * converts without loss (never to `date` from a timestamp, which would drop the time of day);
   * otherwise undefined.
   */
  textFor(kind: PgDateKind): string | undefined {
    if (!Object.is(this.getTime(), this.pgTime)) return undefined;
    const text = this.pgText;
    if (kind === this.pgKind || text === 'infinity' || text === '-infinity') return text;
    if (kind === 'date') return undefined;
    const bc = text.endsWith(' BC');
    const body = bc ? text.slice(0, -3) : text;
    let stamp: string;
    if (this.pgKind === 'date') {
      if (!/^\d{4,7}-\d\d-\d\d$/.test(body) || Number.parseInt(body, 10) > TIMESTAMP_MAX_YEAR)
        return undefined;
      stamp = `${body} 00:00:00`;
    } else if (this.pgKind === 'timestamptz') {
      if (!body.endsWith('+00')) return undefined;
      stamp = body.slice(0, -3);
    } else stamp = body;
    return `${stamp}${kind === 'timestamptz' ? '+00' : ''}${bc ? ' BC' : ''}`;
  }
}

/**
 * Whether a Date can be written into a PostgreSQL column of `kind`: within PostgreSQL's range
 * (from 4714-11-24 BC; the Date extremes are ±infinity), or an unchanged {@link PgDate} whose text
 * the column holds.
 *
 * @example
 * ```ts
 * pgHoldsDate(new Date(-9e15 + 1), 'timestamp'); // false: before 4714 BC
 * ```
 * @internal
 */
export function pgHoldsDate(value: Date, kind: PgDateKind): boolean {
  const time = value.getTime();
  if (time >= PG_MIN_MS || time === -MAX_DATE_MS) return true;
  return value instanceof PgDate && Number.isNaN(time) && value.textFor(kind) !== undefined;
}
