const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await any boolean number string symbol ' +
    'unknown never object undefined arguments eval type of as async from get set declare namespace module require'
  )
    .split(' ')
    // Names every object inherits: a variable or key spelled so would shadow them.
    .concat(Object.getOwnPropertyNames(Object.prototype)),
);

/** @internal Whether `name` can be written as a bare property key or binding. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** @internal A TypeScript string literal: single-quoted, or double-quoted when that needs fewer escapes (as Biome writes it). */
export function tsString(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  return `${quote}${value
    .replaceAll('\\', '\\\\')
    .replaceAll(quote, `\\${quote}`)
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029')}${quote}`;
}

/** @internal An object key: bare when it is an identifier, quoted otherwise; `__proto__` computed, since a literal one sets the prototype. */
export function propertyKey(name: string): string {
  if (name === '__proto__') return `[${tsString(name)}]`;
  return isIdentifier(name) ? name : tsString(name);
}

/** @internal A property access on `object`: `t.name` or `t['odd name']`. */
export function propertyAccess(object: string, name: string): string {
  return isIdentifier(name) ? `${object}.${name}` : `${object}[${tsString(name)}]`;
}

/** @internal The body of a `sql` tagged template holding `text` verbatim. */
export function templateBody(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${');
}

/** @internal Text safe inside a block comment: it cannot close the comment, and stays on one line. */
export function commentText(text: string): string {
  return text.replaceAll('*/', '*\\/').replace(/\s*[\n\r\u2028\u2029]\s*/g, ' ');
}

/**
 * @internal A name quoted for a `//` comment: every character that ends a line in JavaScript
 * (`\n`, `\r`, U+2028, U+2029) escaped, so nothing after it can become code.
 */
export function lineCommentName(name: string): string {
  return JSON.stringify(name).replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

/**
 * @internal `order_item` → `orderItem`, `system-a` → `systemA`, `2024 sales` → `_2024Sales`;
 * `pascal` capitalises the first letter.
 */
export function toCamelCase(name: string, pascal = false): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  let result = words
    .map(
      (word, i) =>
        (i === 0 && !pascal ? word.charAt(0).toLowerCase() : word.charAt(0).toUpperCase()) + word.slice(1),
    )
    .join('');
  if (result === '') result = pascal ? 'Table' : 'table';
  if (/^[0-9]/.test(result)) result = `_${result}`;
  return result;
}

/**
 * @internal Hands out identifiers that collide with nothing taken before, reserved words
 * included, by appending `suffix` and then a number.
 */
export class NameScope {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  take(base: string, suffix: string): string {
    let name = RESERVED.has(base) || this.taken.has(base) ? `${base}${suffix}` : base;
    for (let i = 2; RESERVED.has(name) || this.taken.has(name); i++) name = `${base}${suffix}${i}`;
    this.taken.add(name);
    return name;
  }
}
