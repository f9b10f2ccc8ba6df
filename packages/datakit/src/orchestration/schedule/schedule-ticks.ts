import { Cron } from 'croner';
import type { CatchupMode } from '../../config/pipeline-config.js';
import { DatakitError } from '../../errors/datakit-error.js';

/**
 * A pipeline's cron schedule in its time zone (croner: 5 or 6 fields, DST handled).
 *
 * @example
 * ```ts
 * const s = new Schedule('0 2 * * *', 'Europe/Amsterdam');
 * s.next(new Date('2024-05-01T00:00:00Z')); // 2024-05-01T00:00:00.000Z (02:00 CEST)
 * ```
 */
export class Schedule {
  readonly pattern: string;
  readonly timezone: string;
  readonly #cron: Cron;

  constructor(pattern: string, timezone = 'UTC') {
    this.pattern = pattern;
    this.timezone = timezone;
    try {
      this.#cron = new Cron(pattern, { paused: true, timezone });
    } catch (cause) {
      throw new DatakitError('CONFIG', `"${pattern}" is not a cron expression: ${(cause as Error).message}`, {
        hint: 'Use 5 fields (minute hour day month weekday), e.g. "0 2 * * *", or 6 with seconds first.',
        cause,
      });
    }
  }

  /** The first tick strictly after `after`, or undefined when there is none. */
  next(after: Date): Date | undefined {
    return this.#cron.nextRun(after) ?? undefined;
  }

  /** Ticks `t` with `after < t <= until`, at most `limit` of them (the first ones). */
  between(after: Date, until: Date, limit = 100_000): Date[] {
    const ticks: Date[] = [];
    for (
      let t = this.next(after);
      t && t.getTime() <= until.getTime() && ticks.length < limit;
      t = this.next(t)
    )
      ticks.push(t);
    return ticks;
  }
}

/**
 * Which missed ticks a starting scheduler queues: all of them, the latest, or none.
 *
 * @example
 * ```ts
 * catchUp('latest', [t1, t2, t3]); // [t3]
 * ```
 */
export function catchUp(mode: CatchupMode, missed: readonly Date[]): Date[] {
  if (mode === 'all') return [...missed];
  const last = missed.at(-1);
  return mode === 'latest' && last ? [last] : [];
}
