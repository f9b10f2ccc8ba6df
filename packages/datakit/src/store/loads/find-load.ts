import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * The transfer and start of a recorded load, or undefined for an id the store does not hold
 * (any text: a session's application name may carry anything). @internal
 *
 * @example
 * ```ts
 * const holder = await findLoad(tx, id, store); // { transfer: 'customer', startedAt: 2025-01-01T00:00:00.000Z }
 * ```
 */
export async function findLoad(
  conn: Connection,
  loadId: string,
  store: StoreSchema,
): Promise<{ transfer: string; startedAt: Date } | undefined> {
  const { rows } = await conn.query<{ transfer: string; started_at: Date | string }>(
    `select "transfer", "started_at" from ${store.loads} where "load_id"::text = $1`,
    [loadId],
  );
  const row = rows[0];
  return row ? { transfer: row.transfer, startedAt: new Date(row.started_at) } : undefined;
}
