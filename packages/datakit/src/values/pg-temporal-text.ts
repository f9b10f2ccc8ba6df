/**
 * Checks of PostgreSQL's own temporal text (ISO DateStyle), as it prints it and accepts it back:
 * years of 4 to 7 digits, ` BC` after BC values, `infinity`, and PostgreSQL's ranges (dates from
 * 4714-11-24 BC to 5874897 AD, timestamps to 294276 AD). Shapes are matched with RegExp#test and
 * numbers read by char code, so a check allocates nothing.
 * @internal
 */

const DATE = /^\d{4,7}-\d{2}-\d{2}(?: BC)?$/;
const TIMESTAMP =
  /^\d{4,6}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?(?: BC)?$/;
const TIMETZ = /^\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?$/;

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** The day at the start of `text` exists and PostgreSQL holds it (`maxYear` AD at most). */
function validDay(text: string, maxYear: number): boolean {
  const dash = text.indexOf('-');
  const year = digits(text, 0, dash);
  const month = digits(text, dash + 1, dash + 3);
  const day = digits(text, dash + 4, dash + 6);
  const bc = text.endsWith(' BC');
  if (year === 0 || month < 1 || month > 12 || day < 1) return false;
  if (bc ? year > 4714 || (year === 4714 && month * 100 + day < 1124) : year > maxYear) return false;
  // Proleptic Gregorian, with 1 BC as year 0.
  const y = bc ? 1 - year : year;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

function validClock(text: string, at: number): boolean {
  const hours = digits(text, at, at + 2);
  const minutes = digits(text, at + 3, at + 5);
  const seconds = text.charCodeAt(at + 5) === 58 ? digits(text, at + 6, at + 8) : 0;
  if (minutes > 59 || seconds > 60) return false;
  return (
    hours < 24 ||
    (hours === 24 && minutes === 0 && seconds === 0 && !/\.\d*[1-9]/.test(text.slice(at, at + 16)))
  );
}

/**
 * A PostgreSQL `date` text: `2024-02-29`, `0044-03-15 BC`, `5874897-12-31`, `infinity`.
 *
 * @example
 * ```ts
 * isPgDateText('4714-11-24 BC'); // true
 * isPgDateText('2023-02-29'); // false
 * ```
 */
export function isPgDateText(text: string): boolean {
  if (text === 'infinity' || text === '-infinity') return true;
  return DATE.test(text) && validDay(text, 5874897);
}

/**
 * A PostgreSQL `timestamp`/`timestamptz` text: `2024-05-01 12:30:00.123456+02`,
 * `4714-11-24 00:00:00+00 BC`, `294276-12-31 23:59:59.999999`, `infinity`.
 *
 * @example
 * ```ts
 * isPgTimestampText('0001-12-31 23:59:59.999999 BC'); // true
 * isPgTimestampText('2024-05-01T25:00:00Z'); // false
 * ```
 */
export function isPgTimestampText(text: string): boolean {
  if (text === 'infinity' || text === '-infinity') return true;
  return TIMESTAMP.test(text) && validDay(text, 294276) && validClock(text, text.indexOf('-') + 7);
}

/**
 * A PostgreSQL `timetz` text: a time of day (24:00:00 included) and an offset of up to ±15:59:59.
 *
 * @example
 * ```ts
 * isPgTimetzText('24:00:00-15:59'); // true
 * isPgTimetzText('12:00:00'); // false: no offset
 * ```
 */
export function isPgTimetzText(text: string): boolean {
  if (!TIMETZ.test(text) || !validClock(text, 0)) return false;
  const sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
  return digits(text, sign + 1, sign + 3) <= 15;
}
