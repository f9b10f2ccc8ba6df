/**
 * A possibly nested array as PostgreSQL returns it; elements are decoded values or null.
 *
 * @example
 * ```ts
 * const nested: PgArray = [[1, 2], [3, null]];
 * ```
 */
export type PgArray = (unknown | PgArray)[];

/**
 * Parses a PostgreSQL array literal (`{1,2,NULL}`, `{{"a b","c\"d"}}`, `[0:1]={x,y}`), decoding
 * each non-null element with `element`.
 *
 * @example
 * ```ts
 * parsePgArray('{1,NULL,3}', Number); // [1, null, 3]
 * ```
 * @internal
 */
export function parsePgArray(text: string, element: (text: string) => unknown): PgArray {
  let i = text.charCodeAt(0) === 91 ? text.indexOf('=') + 1 : 0;
  const parseList = (): PgArray => {
    const out: PgArray = [];
    i++; // '{'
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      const c = text[i];
      if (c === '{') out.push(parseList());
      else if (c === '"') {
        let value = '';
        i++;
        while (text[i] !== '"') {
          if (text[i] === '\\') i++;
          value += text[i++];
        }
        i++;
        out.push(element(value));
      } else {
        let value = '';
        let escaped = false;
        while (text[i] !== ',' && text[i] !== '}') {
          if (text[i] === '\\') {
            i++;
            escaped = true;
          }
          value += text[i++];
        }
        out.push(!escaped && value.toUpperCase() === 'NULL' ? null : element(value));
      }
      if (text[i++] === '}') return out;
    }
  };
  return parseList();
}

const QUOTE = /["\\]/g;

/**
 * Formats a (possibly nested) JS array as a PostgreSQL array literal; every non-null element is
 * quoted, which PostgreSQL accepts for all element types.
 *
 * @example
 * ```ts
 * formatPgArray([1, null, 'a"b'], String); // '{"1",NULL,"a\\"b"}'
 * ```
 * @internal
 */
export function formatPgArray(values: readonly unknown[], element: (value: unknown) => string): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (Array.isArray(v)) out += formatPgArray(v, element);
    else out += `"${element(v).replace(QUOTE, '\\$&')}"`;
  }
  return `${out}}`;
}

/** Arrays whose parse loses something, with the text they were parsed from and its re-formatting. */
const SOURCE_TEXT = new WeakMap<object, { text: string; formatted: string }>();

/**
 * Remembers the text an array was parsed from, for an array whose parse loses something (non-default
 * bounds such as `[0:1]={a,b}`, json elements): unchanged, it is written from that text.
 *
 * @example
 * ```ts
 * rememberArrayText(value, '[0:1]={1,2}', format);
 * ```
 * @internal
 */
export function rememberArrayText(value: PgArray, text: string, format: (v: unknown) => string): void {
  SOURCE_TEXT.set(value, { text, formatted: format(value) });
}

/**
 * The text a remembered array was parsed from, while it still formats as it did when parsed;
 * otherwise undefined.
 *
 * @example
 * ```ts
 * sourceArrayText(value, format) ?? format(value);
 * ```
 * @internal
 */
export function sourceArrayText(value: unknown, format: (v: unknown) => string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const source = SOURCE_TEXT.get(value);
  return source !== undefined && format(value) === source.formatted ? source.text : undefined;
}
