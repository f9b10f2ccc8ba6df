// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides that can
// make a terminal show text in another order than it has.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from the data, made safe for one terminal line: control characters written as escapes
 * (`\n`, `\u001b`), so a value cannot move the cursor, colour the screen or break a table's
 * line, then cut to `max` characters with an ellipsis.
 *
 * @example
 * ```ts
 * terminalText('a\nb\u001b[31m'); // 'a\\nb\\u001b[31m'
 * terminalText('abcdefgh', 5); // 'abcd…'
 * ```
 */
export function terminalText(text: string, max = Number.POSITIVE_INFINITY): string {
  const safe = text.replace(
    UNSAFE,
    (c) => NAMED[c] ?? `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
  const chars = [...safe];
  return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join('')}…` : safe;
}
