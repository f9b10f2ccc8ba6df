/**
 * Lays out rows as a plain text table with a header; numbers (and `-`) align right.
 *
 * @example
 * ```ts
 * formatTable(['task', 'rows'], [['customer', '1200'], ['order', '80']]);
 * // task      rows
 * // customer  1200
 * // order       80
 * ```
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^(-|[\d,.]+( s| ms)?)$/.test(r[i] ?? '')),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/**
 * A duration for people: `850 ms`, `3.4 s`, `2 min 5 s`.
 *
 * @example
 * ```ts
 * formatDuration(3400); // '3.4 s'
 * ```
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
