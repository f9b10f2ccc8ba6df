import { quoteSqlString } from '../dialect/quote-sql-string.js';

const CAST =
  /::(?:"[^"]*"|[a-z_][a-z0-9_$]*)(?:\.(?:"[^"]*"|[a-z_][a-z0-9_$]*))?(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone))*(?:\[\])*/g;

const NOW = /^(?:now|current_timestamp|localtimestamp|transaction_timestamp)(?:\(\)|\d*)$/;

/**
 * A comparable form of a SQL expression as a catalog or a contract spells it, so that
 * `'abc'::character varying`, `('abc')` and `'abc'` compare equal, as do `now()` and
 * `CURRENT_TIMESTAMP`, or `CHECK ((price >= (0)::numeric))` and `"price" >= 0`. Only for
 * equality tests: the result is not valid SQL.
 *
 * @example
 * ```ts
 * normalizeSqlExpression("'new'::order_status") === normalizeSqlExpression("'new'"); // true
 * ```
 */
export function normalizeSqlExpression(expression: string): string {
  let text = standardStrings(expression.trim()).replace(/^check\s*/i, '');
  text = mapUnquoted(text, (part) =>
    part.toLowerCase().replace(CAST, '').replace(/["`]/g, '').replace(/\s+/g, ''),
  );
  text = stripParens(text);
  if (NOW.test(text)) text = 'current_timestamp';
  const quotedNumber = /^'(-?\d+(?:\.\d+)?)'$/.exec(text);
  if (quotedNumber?.[1] !== undefined) text = quotedNumber[1];
  return text;
}

/**
 * The comparable form of a column default; `NULL` and no default both give `undefined`. For a
 * boolean column, MySQL's `1`/`0` and PostgreSQL's `true`/`false` compare equal.
 *
 * @example
 * ```ts
 * normalizeDefault('NULL'); // undefined
 * normalizeDefault("'0'::numeric") === normalizeDefault('0'); // true
 * normalizeDefault('1', 'boolean') === normalizeDefault('true', 'boolean'); // true
 * ```
 */
export function normalizeDefault(expression: string | undefined, kind?: string): string | undefined {
  if (expression === undefined) return undefined;
  const text = normalizeSqlExpression(expression);
  if (text === 'null' || text === '') return undefined;
  if (kind === 'boolean') {
    if (/^'?(?:1|t|true)'?$/.test(text)) return 'true';
    if (/^'?(?:0|f|false)'?$/.test(text)) return 'false';
  }
  return text;
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** PostgreSQL's `E'a\\b'` (as Datakit's DDL writes a backslash) as the standard `'a\b'` a catalog shows. */
function standardStrings(text: string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    const escaped =
      (char === 'E' || char === 'e') && text[index + 1] === "'" && !/\w/.test(text[index - 1] ?? '');
    if (char !== "'" && !escaped) {
      result += char;
      index += 1;
      continue;
    }
    let value = '';
    let end = index + (escaped ? 2 : 1);
    while (end < text.length) {
      const c = text[end] as string;
      if (c === '\\' && escaped) {
        const next = text[end + 1] ?? '';
        value += ESCAPES[next] ?? next;
        end += 2;
      } else if (c === "'" && text[end + 1] === "'") {
        value += "'";
        end += 2;
      } else if (c === "'") {
        end += 1;
        break;
      } else {
        value += c;
        end += 1;
      }
    }
    result += quoteSqlString(value);
    index = end;
  }
  return result;
}

function mapUnquoted(text: string, fn: (part: string) => string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const quote = text.indexOf("'", index);
    if (quote < 0) {
      result += fn(text.slice(index));
      break;
    }
    result += fn(text.slice(index, quote));
    let end = quote + 1;
    for (;;) {
      const next = text.indexOf("'", end);
      if (next < 0) {
        end = text.length;
        break;
      }
      if (text[next + 1] === "'") {
        end = next + 2;
        continue;
      }
      end = next + 1;
      break;
    }
    result += text.slice(quote, end);
    index = end;
  }
  return result;
}

/** Removes parentheses outside string literals, except the `()` of a function call. */
function stripParens(text: string): string {
  return mapUnquoted(text, (part) =>
    part.replace(/([a-z0-9_])\(\)|[()]/g, (_match, call: string | undefined) =>
      call === undefined ? '' : `${call}()`,
    ),
  );
}
