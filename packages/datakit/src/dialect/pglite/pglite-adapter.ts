import type { DialectAdapter } from '../dialect-adapter.js';
import { postgresAdapter } from '../postgres/postgres-adapter.js';

/**
 * PGlite speaks PostgreSQL (quoting, `$n`, transactional DDL, enums, schemas, `RETURNING`) but
 * has `supportsCopy: false`: PGlite's COPY goes through an in-memory `/dev/blob` (no streaming,
 * the whole input held at once), blocks the event loop while it runs, and slows as the table grows
 * (33k rows/s over 1M rows against ~70k rows/s for multi-row INSERT, see MEASUREMENTS.md). Writers
 * use multi-row `INSERT` on PGlite instead. Its one in-process session runs one transaction at a
 * time (`supportsConcurrentTransactions: false`).
 *
 * @example
 * ```ts
 * pgliteAdapter.supportsCopy; // false: use INSERT ... VALUES batches
 * ```
 */
export const pgliteAdapter: DialectAdapter = {
  ...postgresAdapter,
  supportsCopy: false,
  supportsConcurrentTransactions: false,
};
