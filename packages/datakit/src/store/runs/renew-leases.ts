import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * Extends the leases of every run and task run `owner` holds; the heartbeat of a live process.
 *
 * @example
 * ```ts
 * setInterval(() => void renewLeases(warehouse, owner, 30_000, store), 10_000);
 * ```
 */
export async function renewLeases(
  conn: Connection,
  owner: string,
  leaseMs: number,
  store: StoreSchema,
): Promise<void> {
  await conn.query(
    `with tasks as (
       update ${store.taskRuns} set "lease_expires_at" = clock_timestamp() + $2 * interval '1 millisecond'
       where "owner" = $1 and "state" = 'running' returning 1
     )
     update ${store.runs} set "lease_expires_at" = clock_timestamp() + $2 * interval '1 millisecond'
     where "owner" = $1 and "state" = 'running'`,
    [owner, leaseMs],
  );
}
