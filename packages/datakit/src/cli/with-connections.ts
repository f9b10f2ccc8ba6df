import { connect } from '../dialect/connect.js';
import type { Connection } from '../dialect/connection.js';

/**
 * Opens one connection per distinct URL for the duration of `fn`, and always closes them all.
 *
 * @example
 * ```ts
 * await withConnections(['pglite://a', 'postgres://…'], async (byUrl) => byUrl.get('pglite://a')!.query('select 1'));
 * ```
 */
export async function withConnections<T>(
  urls: Iterable<string>,
  fn: (byUrl: ReadonlyMap<string, Connection>) => Promise<T>,
): Promise<T> {
  const byUrl = new Map<string, Connection>();
  try {
    for (const url of new Set(urls)) byUrl.set(url, await connect(url));
    return await fn(byUrl);
  } finally {
    await Promise.allSettled([...byUrl.values()].map((conn) => conn.close()));
  }
}
