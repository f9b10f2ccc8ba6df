import type { Connection } from '../../dialect/connection.js';

/**
 * Extends the leases of every run and task run `owner` holds; the heartbeat of a live process.
 *
 * @example
 * ```ts
 * setInterval(() => void renewLeases(store, owner, 30_000), 10_000);
 * ```
 */
export async function renewLeases(conn: Connection, owner: string, leaseMs: number): Promise<void> {
  await conn.query(
    `with tasks as (
       update "datakit"."task_runs" set "lease_expires_at" = clock_timestamp() + $2 * interval '1 millisecond'
       where "owner" = $1 and "state" = 'running' returning 1
     )
     update "datakit"."runs" set "lease_expires_at" = clock_timestamp() + $2 * interval '1 millisecond'
     where "owner" = $1 and "state" = 'running'`,
    [owner, leaseMs],
  );
}
