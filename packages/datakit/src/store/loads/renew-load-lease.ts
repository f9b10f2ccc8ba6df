import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * Renews a running load's lease. @internal
 *
 * @example
 * ```ts
 * await renewLoadLease(warehouse, loadId, 30_000, store);
 * ```
 */
export async function renewLoadLease(
  conn: Connection,
  loadId: string,
  leaseMs: number,
  store: StoreSchema,
): Promise<void> {
  await conn.query(
    `update ${store.loads} set "heartbeat_at" = now(), "lease_expires_at" = now() + $2::double precision * interval '1 millisecond'
     where "load_id" = $1 and "status" = 'running'`,
    [loadId, leaseMs],
  );
}
