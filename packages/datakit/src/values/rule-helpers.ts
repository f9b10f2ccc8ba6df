/**
 * Runtime helpers that compiled validators call for rules a single expression cannot express.
 * Each one is allocation-free on the common path.
 * @internal
 */

/**
 * Counts Unicode code points, as PostgreSQL and MySQL count characters (a surrogate pair is one).
 *
 * @example
 * ```ts
 * codePointLength('a😀'); // 2 (the string's .length is 3)
 * ```
 */
export function codePointLength(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const high = text.charCodeAt(i);
    if (high >= 0xd800 && high <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/**
 * UTF-8 byte length, without encoding when the string is clearly short enough.
 *
 * @example
 * ```ts
 * fitsBytes('é', 1); // false: 'é' is 2 bytes in UTF-8
 * ```
 */
export function fitsBytes(value: string | Uint8Array, limit: number): boolean {
  if (typeof value !== 'string') return value.byteLength <= limit;
  if (value.length * 3 <= limit) return true;
  return Buffer.byteLength(value, 'utf8') <= limit;
}

// Shapes are matched with RegExp#test and numbers read by char code: exec() would allocate a
// match array for every value.
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A timestamp as PostgreSQL and MySQL print it (Drizzle mode 'string'); day and hour ranges are checked apart. @internal */
export const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/;
const TIME = /^\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?$/;

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

// text starts with YYYY-MM-DD (already matched).
function validDay(text: string): boolean {
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/**
 * Whether the clock `HH:MM[:SS...]` at `at` of `text` (already matched) stays within `maxHours`
 * and `maxSeconds` (60 for a leap second), minutes within 59. @internal
 *
 * @example
 * ```ts
 * validClock('-838:59:59', 1, 838, 59); // true
 * ```
 */
export function validClock(text: string, at: number, maxHours: number, maxSeconds: number): boolean {
  const colon = text.indexOf(':', at);
  if (digits(text, at, colon) > maxHours || digits(text, colon + 1, colon + 3) > 59) return false;
  return text.charCodeAt(colon + 3) !== 58 || digits(text, colon + 4, colon + 6) <= maxSeconds;
}

/**
 * A calendar date `YYYY-MM-DD` that exists (no 2024-02-30), or PostgreSQL's `infinity`/`-infinity`.
 *
 * @example
 * ```ts
 * isDateString('2024-02-29'); // true
 * isDateString('2023-02-29'); // false
 * ```
 */
export function isDateString(text: string): boolean {
  if (text === 'infinity' || text === '-infinity') return true;
  return DATE.test(text) && validDay(text);
}

/**
 * A timestamp as PostgreSQL and MySQL print and accept it: `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][offset]`.
 *
 * @example
 * ```ts
 * isTimestampString('2024-05-01 12:30:00.123+02'); // true
 * isTimestampString('2024-05-01T25:00:00Z'); // false
 * ```
 */
export function isTimestampString(text: string): boolean {
  if (text === 'infinity' || text === '-infinity') return true;
  return TIMESTAMP.test(text) && validDay(text) && validClock(text, 11, 24, 60);
}

/**
 * A time of day `HH:MM[:SS[.ffffff]]` (PostgreSQL allows 24:00:00).
 *
 * @example
 * ```ts
 * isTimeString('23:59:59.5'); // true
 * ```
 */
export function isTimeString(text: string): boolean {
  return TIME.test(text) && validClock(text, 0, 24, 59);
}

const TOO_DEEP = 2;
const FAST_DEPTH = 64;
const MAX_DEPTH = 1000;

/**
 * A value that survives `JSON.stringify` and `JSON.parse` unchanged: null, booleans, strings,
 * finite numbers, arrays and plain objects of them (properties set to `undefined` are dropped, as
 * JSON.stringify drops them). Dates, Maps, bigints, NaN and cycles are not JSON.
 *
 * @example
 * ```ts
 * isJsonValue({ tags: ['a'], n: 1 }); // true
 * isJsonValue({ at: new Date() }); // false: store at.toISOString() instead
 * ```
 */
export function isJsonValue(value: unknown): boolean {
  const fast = jsonFast(value, 0);
  return fast === TOO_DEEP ? jsonSafe(value, new Set(), 0) : fast === 1;
}

function jsonFast(value: unknown, depth: number): 0 | 1 | typeof TOO_DEEP {
  if (value === null) return 1;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return 1;
    case 'number':
      return Number.isFinite(value) ? 1 : 0;
    case 'object': {
      if (depth >= FAST_DEPTH) return TOO_DEEP;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined) return 0;
          const result = jsonFast(item, depth + 1);
          if (result !== 1) return result;
        }
        return 1;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return 0;
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined) continue;
        const result = jsonFast(item, depth + 1);
        if (result !== 1) return result;
      }
      return 1;
    }
    default:
      return 0;
  }
}

function jsonSafe(value: unknown, ancestors: Set<object>, depth: number): boolean {
  if (value === null || typeof value !== 'object') return jsonFast(value, 0) === 1;
  if (depth > MAX_DEPTH || ancestors.has(value)) return false;
  ancestors.add(value);
  let ok = true;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      if (item === undefined || !jsonSafe(item, ancestors, depth + 1)) {
        ok = false;
        break;
      }
    }
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) ok = false;
    else {
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined && !jsonSafe(item, ancestors, depth + 1)) {
          ok = false;
          break;
        }
      }
    }
  }
  ancestors.delete(value);
  return ok;
}

function jsonPreview(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

/**
 * A short, single-line rendering of a value for error messages.
 *
 * @example
 * ```ts
 * previewValue('x'.repeat(100)); // '"xxxx…" (100 characters)'
 * ```
 */
export function previewValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (value.length <= 60) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, 57)).slice(0, -1)}…" (${value.length} characters)`;
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return String(value);
  let text: string;
  try {
    text = JSON.stringify(value, jsonPreview) ?? String(value);
  } catch {
    return '(cyclic)';
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * The JavaScript type of a value as messages name it: `string`, `number`, `Date`, `Buffer`, ...
 *
 * @example
 * ```ts
 * typeName(new Date()); // 'Date'
 * ```
 */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name;
    return name && name !== 'Object' ? name : 'object';
  }
  return typeof value;
}
