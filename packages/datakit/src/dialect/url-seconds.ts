import { DatakitError } from '../errors/datakit-error.js';
import type { ConnectionUrl } from './parse-connection-url.js';

/**
 * A connection URL parameter that holds a number of seconds (`?connect_timeout=15`), or
 * `fallback` when the URL leaves it out; anything but a non-negative number is a `CONFIG` error
 * naming the parameter and the (redacted) URL.
 *
 * @example
 * ```ts
 * const url = parseConnectionUrl('postgres://etl@db/dw?connect_timeout=5');
 * urlSeconds(url, 'connect_timeout', 15); // 5
 * ```
 * @internal
 */
export function urlSeconds(url: ConnectionUrl, name: string, fallback: number): number {
  const raw = new URL(url.url).searchParams.get(name);
  if (raw === null) return fallback;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new DatakitError('CONFIG', `Connection URL parameter ${name}=${raw} is not a number of seconds`, {
      hint: `Use e.g. ?${name}=${fallback} in ${url.redacted}.`,
    });
  }
  return value;
}
