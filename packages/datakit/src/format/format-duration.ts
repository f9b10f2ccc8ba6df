/**
 * A duration for people, as every command prints it: `850 ms`, `3.4 s`, `2 min 5 s`.
 *
 * @example
 * ```ts
 * formatDuration(850); // '850 ms'
 * formatDuration(3400); // '3.4 s'
 * formatDuration(125_000); // '2 min 5 s'
 * ```
 */
export function formatDuration(ms: number): string {
  if (ms < 999.5) return `${Math.round(Math.max(0, ms))} ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
