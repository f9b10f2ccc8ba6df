import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';
import type { LoadKey } from './load-key.js';

/**
 * The columns of a `loads` row, as the engine writes them at the start. @internal
 *
 * @example
 * ```ts
 * await recordLoadStart(warehouse, { ...key, loadId, disposition: 'append', startedAt: new Date(), logicalTime: new Date(), leaseMs: 30_000 }, store);
 * ```
 */
export interface LoadRecord extends LoadKey {
  loadId: string;
  disposition: string;
  startedAt: Date;
  logicalTime: Date;
  /** How long the load counts as alive without a heartbeat. */
  leaseMs: number;
  cursorColumn?: string;
  datakit?: string;
  datakitVersion?: string;
}

/**
 * Records a load as `running` with a lease (outside the load's transaction, so a killed load stays
 * visible and its lease runs out).
 *
 * @example
 * ```ts
 * await recordLoadStart(warehouse, load, store);
 * ```
 * @internal
 */
export async function recordLoadStart(conn: Connection, load: LoadRecord, store: StoreSchema): Promise<void> {
  await conn.query(
    `insert into ${store.loads} ("load_id", "warehouse", "environment", "transfer", "source_system", "source_table",
       "target_table", "disposition", "status", "started_at", "heartbeat_at", "lease_expires_at", "logical_time",
       "cursor_column", "datakit", "datakit_version")
     values ($1, $2, $3, $4, $5, $6, $7, $8, 'running', $9, now(), now() + $14::double precision * interval '1 millisecond',
       $10, $11, $12, $13)`,
    [
      load.loadId,
      load.warehouse,
      load.environment,
      load.transfer,
      load.sourceSystem,
      load.sourceTable,
      load.targetTable,
      load.disposition,
      load.startedAt.toISOString(),
      load.logicalTime.toISOString(),
      load.cursorColumn ?? null,
      load.datakit ?? null,
      load.datakitVersion ?? null,
      load.leaseMs,
    ],
  );
}
