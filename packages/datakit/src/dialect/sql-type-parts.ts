import type { ColumnType } from '../schema/table-schema.js';

/**
 * A SQL type split into its trimmed spelling, its lower-case text without array brackets, and
 * the number of array dimensions those brackets gave. @internal
 *
 * @example
 * ```ts
 * arrayDimensions('Integer[][]'); // { raw: 'Integer[][]', text: 'integer', dimensions: 2 }
 * ```
 */
export function arrayDimensions(sqlType: string): { raw: string; text: string; dimensions: number } {
  const raw = sqlType.trim();
  let text = raw.toLowerCase();
  let dimensions = 0;
  while (/\[\d*\]$/.test(text)) {
    text = text.replace(/\[\d*\]$/, '').trim();
    dimensions++;
  }
  return { raw, text, dimensions };
}

/**
 * A type's base name (spaces collapsed) and its numeric arguments. @internal
 *
 * @example
 * ```ts
 * typeArguments('numeric(10, 2)'); // { base: 'numeric', args: [10, 2] }
 * ```
 */
export function typeArguments(text: string): { base: string; args: number[] } {
  const args: number[] = [];
  const base = text
    .replace(/\s*\(([\d\s,]*)\)/, (_m, inner: string) => {
      for (const part of inner.split(',')) if (part.trim() !== '') args.push(Number(part.trim()));
      return '';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { base, args };
}

/**
 * Sets what a type's arguments mean for its kind: the length of varchar/char/bit, the precision
 * and scale of numeric, the fractional-second precision of times, timestamps and intervals.
 * @internal
 *
 * @example
 * ```ts
 * const type: ColumnType = { kind: 'numeric' };
 * applyTypeArguments(type, [10]); // type: { kind: 'numeric', precision: 10, scale: 0 }
 * ```
 */
export function applyTypeArguments(type: ColumnType, args: readonly number[]): void {
  const [first, second] = args;
  const kind = type.kind;
  if (kind === 'varchar' || kind === 'char') {
    if (first !== undefined) type.length = first;
  } else if (kind === 'numeric') {
    if (first !== undefined) type.precision = first;
    if (second !== undefined) type.scale = second;
    else if (first !== undefined) type.scale = 0;
  } else if (
    (kind === 'time' ||
      kind === 'timetz' ||
      kind === 'timestamp' ||
      kind === 'timestamptz' ||
      kind === 'interval') &&
    first !== undefined
  ) {
    type.precision = first;
  } else if (kind === 'bit' || kind === 'varbit') {
    if (first !== undefined) type.length = first;
    else if (kind === 'bit') type.length = 1;
  }
}

/**
 * The values of a quoted SQL list such as `'a','it''s'` (enum and set members). @internal
 *
 * @example
 * ```ts
 * parseQuotedList("'a','it''s'"); // ['a', "it's"]
 * ```
 */
export function parseQuotedList(inner: string): string[] {
  const values: string[] = [];
  const pattern = /'((?:[^'\\]|''|\\.)*)'/g;
  for (let match = pattern.exec(inner); match; match = pattern.exec(inner)) {
    values.push((match[1] ?? '').replace(/''/g, "'").replace(/\\(.)/g, '$1'));
  }
  return values;
}
