import type { ResolvedPolicy } from '../dag/compiled-pipeline.js';

/**
 * The wait before the retry that follows failed attempt `attempt` (1-based): `retryDelayMs`
 * doubled per earlier retry, capped at `maxRetryDelayMs`, with "equal jitter" (between half and
 * all of it) so that tasks failing together do not retry together.
 *
 * @example
 * ```ts
 * retryDelay({ retries: 3, retryDelayMs: 1000, maxRetryDelayMs: 60_000, timeoutMs: undefined }, 2); // 1000..2000
 * ```
 */
export function retryDelay(
  policy: ResolvedPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const full = Math.min(policy.maxRetryDelayMs, policy.retryDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}
