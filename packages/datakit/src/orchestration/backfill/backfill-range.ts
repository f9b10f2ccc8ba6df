import { DatakitError } from '../../errors/datakit-error.js';

/**
 * The instants a `--from`/`--to` pair stands for. A date alone (`2024-05-01`) means midnight of
 * that day in the schedule's time zone, and as `--to` the end of that day, so
 * `--from 2024-05-01 --to 2024-05-03` covers three whole days; a date-time is taken as given.
 *
 * @example
 * ```ts
 * backfillRange('2024-05-01', '2024-05-03', 'UTC'); // { from: 2024-05-01T00:00Z, to: 2024-05-03T23:59:59.999Z }
 * ```
 */
export function backfillRange(from: string, to: string, timezone = 'UTC'): { from: Date; to: Date } {
  const start = instant(from, timezone, '--from', false);
  const end = instant(to, timezone, '--to', true);
  if (end.getTime() < start.getTime()) {
    throw new DatakitError('USAGE', `--to ${to} is before --from ${from}`, { hint: 'Swap them.' });
  }
  return { from: start, to: end };
}

function instant(text: string, timezone: string, flag: string, endOfDay: boolean): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const midnight = zonedMidnight(y, m - 1, endOfDay ? d + 1 : d, timezone);
    return new Date(midnight.getTime() - (endOfDay ? 1 : 0));
  }
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) {
    throw new DatakitError('USAGE', `${flag} "${text}" is not a date or time`, {
      hint: 'Use a date (2024-05-01) or an ISO date-time with a zone (2024-05-01T02:00:00Z).',
    });
  }
  return time;
}

function zonedMidnight(year: number, month: number, day: number, timezone: string): Date {
  const guess = Date.UTC(year, month, day);
  const first = guess - offsetAt(guess, timezone);
  return new Date(guess - offsetAt(first, timezone));
}

function offsetAt(utc: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utc));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - Math.floor(utc / 1000) * 1000;
}
