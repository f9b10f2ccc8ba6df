/**
 * Rows per second of a load: rows read over its wall time (the one rate every summary prints).
 *
 * @example
 * ```ts
 * rowsPerSecond(26_200, 1_310); // 20000
 * ```
 */
export function rowsPerSecond(rowsRead: number, durationMs: number): number {
  return durationMs > 0 ? (rowsRead * 1000) / durationMs : rowsRead;
}
