import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * Final counts and outcome of a load. @internal
 *
 * @example
 * ```ts
 * await recordLoadEnd(tx, loadId, { status: 'succeeded', finishedAt: new Date(), counts }, store);
 * ```
 */
export interface LoadOutcome {
  status: 'succeeded' | 'failed';
  finishedAt: Date;
  counts: Record<
    'read' | 'loaded' | 'rejected' | 'dropped' | 'inserted' | 'updated' | 'unchanged' | 'closed',
    number
  >;
  cursorFrom?: string | null;
  cursorTo?: string | null;
  error?: string;
}

/**
 * Records how a load ended; inside the load's transaction on success, so the status commits with
 * the data.
 *
 * @example
 * ```ts
 * await recordLoadEnd(tx, load.loadId, { status: 'succeeded', finishedAt: new Date(), counts }, store);
 * ```
 * @internal
 */
export async function recordLoadEnd(
  conn: Connection,
  loadId: string,
  outcome: LoadOutcome,
  store: StoreSchema,
): Promise<void> {
  const c = outcome.counts;
  await conn.query(
    `update ${store.loads} set "status" = $2, "finished_at" = $3, "rows_read" = $4, "rows_loaded" = $5,
       "rows_rejected" = $6, "rows_dropped" = $7, "rows_inserted" = $8, "rows_updated" = $9,
       "rows_unchanged" = $10, "rows_closed" = $11, "cursor_from" = $12, "cursor_to" = $13, "error" = $14,
       "heartbeat_at" = now()
     where "load_id" = $1`,
    [
      loadId,
      outcome.status,
      outcome.finishedAt.toISOString(),
      c.read,
      c.loaded,
      c.rejected,
      c.dropped,
      c.inserted,
      c.updated,
      c.unchanged,
      c.closed,
      outcome.cursorFrom ?? null,
      outcome.cursorTo ?? null,
      outcome.error ?? null,
    ],
  );
}
