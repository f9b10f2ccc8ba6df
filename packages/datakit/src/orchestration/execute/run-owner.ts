import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A lease owner id for this process: `host:pid:random`, so that a lease names who held it.
 *
 * @example
 * ```ts
 * runOwner(); // 'build-7:41872:9f3a1c'
 * ```
 */
export function runOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
