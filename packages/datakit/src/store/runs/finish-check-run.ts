import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * Records the verdict and end of a check run.
 *
 * @example
 * ```ts
 * await finishCheckRun(warehouse, id, 'warn', store);
 * ```
 */
export async function finishCheckRun(
  conn: Connection,
  id: string,
  verdict: 'pass' | 'warn' | 'error',
  store: StoreSchema,
): Promise<void> {
  await conn.query(
    `update ${store.checkRuns} set "verdict" = $2, "ended_at" = clock_timestamp() where "id" = $1`,
    [id, verdict],
  );
}
