/**
 * Code-point order, the same on every machine and database (unlike `localeCompare` or a
 * database collation), so introspection output is deterministic.
 *
 * @example
 * ```ts
 * ['b', 'B', 'a'].sort(compareText); // ['B', 'a', 'b']
 * ```
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts things with a `name` by {@link compareText}.
 *
 * @example
 * ```ts
 * tables.sort(byName);
 * ```
 */
export function byName(a: { name: string }, b: { name: string }): number {
  return compareText(a.name, b.name);
}
