/**
 * A stable text form of a unique key's values, or undefined when one is null (SQL treats nulls as
 * distinct, so such a tuple never collides).
 *
 * @internal
 * @example
 * ```ts
 * tupleOf({ a: 1, b: 'x' }, ['a', 'b']); // '1\u0001"x"'
 * ```
 */
export function tupleOf(row: Readonly<Record<string, unknown>>, keys: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const key of keys) {
    const value = row[key];
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'bigint') parts.push(`${value}n`);
    else if (value instanceof Date) parts.push(value.toISOString());
    else parts.push(JSON.stringify(value));
  }
  return parts.join('\u0001');
}

/**
 * Makes a colliding string unique with the row number: before the `@` of an email, else at the
 * end, cutting the original so the result still fits the column's length.
 *
 * @internal
 * @example
 * ```ts
 * withRowSuffix('ann.lee@example.com', 42, undefined); // 'ann.lee.42@example.com'
 * withRowSuffix('Berlin', 7, 8); // 'Berlin-7'
 * ```
 */
export function withRowSuffix(value: string, n: number, length: number | undefined): string | undefined {
  const at = value.indexOf('@');
  const suffix = at > 0 ? `.${n}` : `-${n}`;
  const head = at > 0 ? value.slice(0, at) : value;
  const tail = at > 0 ? value.slice(at) : '';
  const room = length === undefined ? head.length : length - suffix.length - tail.length;
  if (room < 1) return length !== undefined && String(n).length <= length ? String(n) : undefined;
  return `${head.slice(0, room)}${suffix}${tail}`;
}
