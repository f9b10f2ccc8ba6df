import type { Connection } from '../dialect/connection.js';
import { renewLoadLease } from '../store/loads/renew-load-lease.js';
import type { StoreSchema } from '../store/store-schema.js';

/**
 * Renews a running load's lease every `everyMs` from outside the load's transaction, so a load
 * whose process dies shows as abandoned once its lease (3 beats) runs out. A beat is skipped
 * while the previous one is still waiting (a single-session database such as PGlite runs it only
 * after the load's transaction). Errors are ignored: a missed beat only shortens the lease.
 *
 * @example
 * ```ts
 * const stop = startHeartbeat(warehouse, loadId, 10_000, store);
 * try { await load(); } finally { await stop(); }
 * ```
 * @internal
 */
export function startHeartbeat(
  conn: Connection,
  loadId: string,
  everyMs: number,
  store: StoreSchema,
): () => Promise<void> {
  let pending: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (pending) return;
    pending = renewLoadLease(conn, loadId, everyMs * 3, store)
      .catch(() => {})
      .finally(() => {
        pending = undefined;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await pending;
  };
}
