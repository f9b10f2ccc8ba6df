import type { Connection } from '../../dialect/connection.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../store-schema.js';

/**
 * Marks loads whose process stopped renewing their lease (killed, lost its connection) as
 * `abandoned`, and returns how many. The transfer engine calls it before each load; a runner or
 * UI may call it before reading the store's `loads`.
 *
 * @example
 * ```ts
 * const abandoned = await markAbandonedLoads(warehouse); // 1 after a SIGKILL, once the lease ran out
 * ```
 */
export async function markAbandonedLoads(
  conn: Connection,
  store: StoreSchema = DEFAULT_STORE_SCHEMA,
): Promise<number> {
  const { rowCount } = await conn.query(
    `update ${store.loads} set "status" = 'abandoned', "finished_at" = "lease_expires_at",
       "error" = 'The process running this load stopped renewing its lease (killed, or lost its connection); its transaction was rolled back'
     where "status" = 'running' and "lease_expires_at" < now()`,
  );
  return rowCount;
}
