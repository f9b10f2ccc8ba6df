/** Largest |epoch ms| a JS Date holds (±100,000,000 days). */
const MAX_MS = 8.64e15;
const PAD2: string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}

/**
 * Epoch milliseconds of a PostgreSQL `timestamp`/`timestamptz`/`date` text in ISO DateStyle
 * (`2024-05-01 10:00:00.123456+02`, `0044-03-15 12:00:00 BC`, `2024-05-01`); a value without an
 * offset is read as UTC. `NaN` for `infinity` and for instants a JS Date cannot hold.
 * Microseconds are truncated: callers keep the text when they need them.
 *
 * @example
 * ```ts
 * parsePgTimestamp('1970-01-01 00:00:01.5+00'); // 1500
 * ```
 * @internal
 */
export function parsePgTimestamp(text: string): number {
  const fast = parseCommonTimestamp(text);
  return Number.isNaN(fast) ? parseAnyTimestamp(text) : fast;
}

/* `YYYY-MM-DD HH:MM:SS[.f{1,6}][+00]` with a year from 1970 to 2099 — nearly every value — without
 * calendar loops: days since 1970 from a month table, then plain arithmetic. */
const MONTH_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
function parseCommonTimestamp(t: string): number {
  const n = t.length;
  if (
    n < 19 ||
    t.charCodeAt(4) !== 45 ||
    t.charCodeAt(10) !== 32 ||
    (t.charCodeAt(0) !== 50 && t.charCodeAt(0) !== 49)
  )
    return Number.NaN;
  const year =
    (t.charCodeAt(0) - 48) * 1000 +
    (t.charCodeAt(1) - 48) * 100 +
    (t.charCodeAt(2) - 48) * 10 +
    t.charCodeAt(3) -
    48;
  if (year < 1970 || year > 2099) return Number.NaN;
  const month = (t.charCodeAt(5) - 48) * 10 + t.charCodeAt(6) - 48;
  const day = (t.charCodeAt(8) - 48) * 10 + t.charCodeAt(9) - 48;
  const y = year - 1970;
  let days = y * 365 + ((y + 1) >> 2) + (MONTH_DAYS[month - 1] as number) + day - 1;
  if (month > 2 && (year & 3) === 0) days++;
  let ms =
    days * 86_400_000 +
    ((t.charCodeAt(11) - 48) * 10 + t.charCodeAt(12) - 48) * 3_600_000 +
    ((t.charCodeAt(14) - 48) * 10 + t.charCodeAt(15) - 48) * 60_000 +
    ((t.charCodeAt(17) - 48) * 10 + t.charCodeAt(18) - 48) * 1000;
  let i = 19;
  if (i < n && t.charCodeAt(i) === 46) {
    let scale = 100;
    for (i++; i < n; i++) {
      const c = t.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      ms += c * scale;
      scale = scale === 1 ? 0 : scale / 10;
    }
  }
  if (i === n) return ms;
  if (n - i === 3 && t.charCodeAt(i + 1) === 48 && t.charCodeAt(i + 2) === 48) return ms;
  return Number.NaN;
}

function parseAnyTimestamp(text: string): number {
  const yearEnd = text.indexOf('-', 1);
  if (yearEnd < 4) return Number.NaN;
  const bc = text.endsWith(' BC');
  const end = bc ? text.length - 3 : text.length;
  let year = digits(text, 0, yearEnd);
  if (bc) year = 1 - year;
  let ms =
    daysFromCivil(year, digits(text, yearEnd + 1, yearEnd + 3), digits(text, yearEnd + 4, yearEnd + 6)) *
    86_400_000;
  let i = yearEnd + 7;
  if (i < end) {
    ms +=
      digits(text, i, i + 2) * 3_600_000 +
      digits(text, i + 3, i + 5) * 60_000 +
      digits(text, i + 6, i + 8) * 1000;
    i += 8;
    if (text.charCodeAt(i) === 46) {
      const from = i + 1;
      i = from;
      while (i < end && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      const frac = text.slice(from, Math.min(i, from + 3)).padEnd(3, '0');
      ms += digits(frac, 0, 3);
    }
    if (i < end) {
      const sign = text.charCodeAt(i) === 45 ? -1 : 1;
      let offset = digits(text, i + 1, i + 3) * 3_600_000;
      if (text.charCodeAt(i + 3) === 58) offset += digits(text, i + 4, i + 6) * 60_000;
      if (text.charCodeAt(i + 6) === 58) offset += digits(text, i + 7, i + 9) * 1000;
      ms -= sign * offset;
    }
  }
  return ms >= -MAX_MS && ms <= MAX_MS ? ms : Number.NaN;
}

function infinityText(date: Date): string | undefined {
  const time = date.getTime();
  return time === MAX_MS ? 'infinity' : time === -MAX_MS ? '-infinity' : undefined;
}

function formatDatePart(date: Date): { text: string; bc: boolean } {
  const year = date.getUTCFullYear();
  const bc = year <= 0;
  const shown = bc ? 1 - year : year;
  const yearText = shown < 1000 ? `${shown}`.padStart(4, '0') : `${shown}`;
  return { text: `${yearText}-${PAD2[date.getUTCMonth() + 1]}-${PAD2[date.getUTCDate()]}`, bc };
}

/**
 * The PostgreSQL input text of an instant, in UTC: `2024-05-01 08:00:00.123+00` (`withZone`) or
 * without the offset for `timestamp`; BC years and years past 9999 are spelled as PostgreSQL does,
 * and the Date extremes (±8.64e15 ms) are `infinity` and `-infinity`.
 *
 * @example
 * ```ts
 * formatPgTimestamp(new Date(1500), true); // '1970-01-01 00:00:01.500+00'
 * formatPgTimestamp(new Date(8.64e15), true); // 'infinity'
 * ```
 * @internal
 */
export function formatPgTimestamp(date: Date, withZone: boolean): string {
  const infinite = infinityText(date);
  if (infinite) return infinite;
  const { text, bc } = formatDatePart(date);
  const ms = date.getUTCMilliseconds();
  const time = `${PAD2[date.getUTCHours()]}:${PAD2[date.getUTCMinutes()]}:${PAD2[date.getUTCSeconds()]}`;
  const frac = ms === 0 ? '' : `.${ms < 100 ? (ms < 10 ? '00' : '0') : ''}${ms}`;
  return `${text} ${time}${frac}${withZone ? '+00' : ''}${bc ? ' BC' : ''}`;
}

/**
 * The PostgreSQL `date` text of a Date's UTC calendar day (Drizzle's `date({ mode: 'date' })`);
 * the Date extremes are `infinity` and `-infinity`.
 *
 * @example
 * ```ts
 * formatPgDate(new Date(Date.UTC(2024, 0, 31))); // '2024-01-31'
 * ```
 * @internal
 */
export function formatPgDate(date: Date): string {
  const infinite = infinityText(date);
  if (infinite) return infinite;
  const { text, bc } = formatDatePart(date);
  return bc ? `${text} BC` : text;
}
