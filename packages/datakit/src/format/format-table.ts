/** What a cell of a number column looks like: a count, a duration of {@link formatDuration}, or `-`. */
const NUMERIC = /^(-|[\d,.]+( ms| s)?|\d+ min \d+ s)$/;

/**
 * Lays out rows as a plain text table with a header, two spaces between columns; a column whose
 * every cell is a number, a duration or `-` aligns right.
 *
 * @example
 * ```ts
 * formatTable(['task', 'rows'], [['customer', '1,200'], ['order', '80']]);
 * // task       rows
 * // customer  1,200
 * // order        80
 * ```
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => NUMERIC.test(r[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
