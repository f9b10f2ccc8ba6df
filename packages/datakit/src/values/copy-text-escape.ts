const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Escapes one value for PostgreSQL's COPY text format (backslash, tab, newline, carriage return).
 *
 * @example
 * ```ts
 * escapeCopyText('a\tb'); // 'a\\tb'
 * ```
 * @internal
 */
export function escapeCopyText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPES, (c) => ESCAPED[c] as string) : text;
}

const SIMPLE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * Undoes COPY text escaping of one field (`\N` is handled by the caller): `\t`, `\n`, `\\`,
 * octal `\123`, hex `\x41` and `\<any>` for that character.
 *
 * @example
 * ```ts
 * unescapeCopyText('a\\tb\\\\'); // 'a\tb\\'
 * ```
 * @internal
 */
export function unescapeCopyText(field: string): string {
  let out = '';
  let from = 0;
  for (let i = field.indexOf('\\'); i !== -1 && i < field.length - 1; i = field.indexOf('\\', from)) {
    out += field.slice(from, i);
    const c = field[i + 1] as string;
    const simple = SIMPLE[c];
    if (simple !== undefined) {
      out += simple;
      from = i + 2;
    } else if (c >= '0' && c <= '7') {
      const m = /^[0-7]{1,3}/.exec(field.slice(i + 1, i + 4)) as RegExpExecArray;
      out += String.fromCharCode(Number.parseInt(m[0], 8));
      from = i + 1 + m[0].length;
    } else if (c === 'x' && /^[0-9a-fA-F]/.test(field.slice(i + 2, i + 3))) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(field.slice(i + 2, i + 4)) as RegExpExecArray;
      out += String.fromCharCode(Number.parseInt(m[0], 16));
      from = i + 2 + m[0].length;
    } else {
      out += c;
      from = i + 2;
    }
  }
  return out + field.slice(from);
}
