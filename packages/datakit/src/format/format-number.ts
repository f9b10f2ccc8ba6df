/**
 * A count for people, as every command prints it: rounded to a whole number, thousands grouped
 * with commas (`26,200`), whatever the machine's locale.
 *
 * @example
 * ```ts
 * formatNumber(26200); // '26,200'
 * formatNumber(1234.6); // '1,235'
 * ```
 */
export function formatNumber(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
