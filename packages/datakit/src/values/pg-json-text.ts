/**
 * The text each JSON object or array was parsed from, while that value is unchanged.
 * Objects only: a primitive cannot be a WeakMap key (see the encoders for those).
 */
const SOURCE_TEXT = new WeakMap<object, string>();

/**
 * JSON text that is not valid JSON (only a non-PostgreSQL driver can deliver one): kept, so the
 * source check rejects the row naming the text instead of the transfer aborting.
 *
 * @example
 * ```ts
 * parseJsonText('{oops') instanceof NotJson; // true
 * ```
 */
export class NotJson {
  constructor(
    readonly text: string,
    readonly reason: string,
  ) {}

  /** The text as messages quote it: `'{oops'`, shortened to 60 characters. */
  quoted(): string {
    return this.text.length > 60 ? `'${this.text.slice(0, 57)}...'` : `'${this.text}'`;
  }
}

/**
 * Parses a json/jsonb value read as text into the value a transform sees (Drizzle's
 * `json().$type<T>()` promises plain parsed JSON), remembering the text of every object and array
 * so that, passed through unchanged, it is written from that exact text: json byte for byte
 * (whitespace, key order, duplicate keys, `\u` escapes, numbers beyond a double such as
 * `12345678901234567890` or `1e400`), jsonb as PostgreSQL normalised it. A transform that builds
 * new JSON, or changes a parsed value in place, gets `JSON.stringify` of what it returns.
 *
 * @example
 * ```ts
 * const doc = parseJsonText('{"n": 12345678901234567890}'); // { n: 12345678901234567000 }
 * formatJson(doc); // '{"n": 12345678901234567890}' (unchanged: the original text)
 * ```
 * @internal
 */
export function parseJsonText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return new NotJson(text, err instanceof Error ? err.message : String(err));
  }
  if (typeof value === 'object' && value !== null) SOURCE_TEXT.set(value, text);
  return value;
}

/**
 * The text a JSON object or array was parsed from, when it is still equal to what was parsed
 * (same keys in the same order, same numbers by `Object.is`); otherwise undefined.
 *
 * @example
 * ```ts
 * const doc = parseJsonText('{"a": 1.0}') as { a: number };
 * sourceJsonText(doc); // '{"a": 1.0}'
 * doc.a = 2;
 * sourceJsonText(doc); // undefined
 * ```
 * @internal
 */
export function sourceJsonText(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const text = SOURCE_TEXT.get(value);
  if (text === undefined) return undefined;
  return sameJson(value, JSON.parse(text)) ? text : undefined;
}

/**
 * The JSON text to write for a value: the source text of an unchanged parsed value, else
 * `JSON.stringify`.
 *
 * @example
 * ```ts
 * formatJson({ a: [1, 'x'] }); // '{"a":[1,"x"]}'
 * ```
 * @internal
 */
export function formatJson(value: unknown): string {
  return sourceJsonText(value) ?? (JSON.stringify(value) as string);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype) return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key !== other[i]) return false;
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether jsonb can hold the strings of a JSON value: PostgreSQL refuses U+0000 and unpaired
 * surrogates in jsonb (json keeps them as text).
 *
 * @example
 * ```ts
 * jsonbHolds({ a: 'x\u0000' }); // false
 * ```
 * @internal
 */
export function jsonbHolds(value: unknown): boolean {
  if (typeof value === 'string') return value.indexOf('\u0000') === -1 && !LONE_SURROGATE.test(value);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!jsonbHolds(item)) return false;
    return true;
  }
  for (const key in value) {
    if (!jsonbHolds(key) || !jsonbHolds((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}
