import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';

/**
 * Where the transfer engine keeps its own tables in the warehouse (created by the run store's
 * migrations, see `migrateStore`).
 *
 * @example
 * ```ts
 * `select * from ${RUN_STORE_SCHEMA}.loads`; // datakit.loads
 * ```
 */
export const RUN_STORE_SCHEMA = 'datakit';

/**
 * What identifies a transfer's loads and cursor: the warehouse and environment it runs in, its
 * name, and the source it reads. @internal
 *
 * @example
 * ```ts
 * const key: LoadKey = { warehouse: 'main', environment: 'prod', transfer: 'customer', sourceSystem: 'system-a', sourceTable: 'crm.customer', targetTable: 'bronze.customer' };
 * ```
 */
export interface LoadKey {
  warehouse: string;
  environment: string;
  transfer: string;
  sourceSystem: string;
  sourceTable: string;
  targetTable: string;
}

/**
 * The columns of a `datakit.loads` row, as the engine writes them at the start. @internal
 *
 * @example
 * ```ts
 * await recordLoadStart(warehouse, { ...key, loadId, disposition: 'append', startedAt: new Date(), logicalTime: new Date(), leaseMs: 30_000 });
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
 * Final counts and outcome of a load. @internal
 *
 * @example
 * ```ts
 * await recordLoadEnd(tx, loadId, { status: 'succeeded', finishedAt: new Date(), counts });
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

const lease = (placeholder: string) => `now() + ${placeholder}::double precision * interval '1 millisecond'`;

/**
 * Records a load as `running` with a lease (outside the load's transaction, so a killed load stays
 * visible and its lease runs out).
 *
 * @example
 * ```ts
 * await recordLoadStart(warehouse, load);
 * ```
 * @internal
 */
export async function recordLoadStart(conn: Connection, load: LoadRecord): Promise<void> {
  await conn.query(
    `insert into "datakit"."loads" ("load_id", "warehouse", "environment", "transfer", "source_system", "source_table",
       "target_table", "disposition", "status", "started_at", "heartbeat_at", "lease_expires_at", "logical_time",
       "cursor_column", "datakit", "datakit_version")
     values ($1, $2, $3, $4, $5, $6, $7, $8, 'running', $9, now(), ${lease('$14')}, $10, $11, $12, $13)`,
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

/**
 * Renews a running load's lease. @internal
 *
 * @example
 * ```ts
 * await renewLoadLease(warehouse, loadId, 30_000);
 * ```
 */
export async function renewLoadLease(conn: Connection, loadId: string, leaseMs: number): Promise<void> {
  await conn.query(
    `update "datakit"."loads" set "heartbeat_at" = now(), "lease_expires_at" = ${lease('$2')}
     where "load_id" = $1 and "status" = 'running'`,
    [loadId, leaseMs],
  );
}

/**
 * Marks loads whose process stopped renewing their lease (killed, lost its connection) as
 * `abandoned`, and returns how many. The transfer engine calls it before each load; a runner or
 * UI may call it before reading `datakit.loads`.
 *
 * @example
 * ```ts
 * const abandoned = await markAbandonedLoads(warehouse); // 1 after a SIGKILL, once the lease ran out
 * ```
 */
export async function markAbandonedLoads(conn: Connection): Promise<number> {
  const { rowCount } = await conn.query(
    `update "datakit"."loads" set "status" = 'abandoned', "finished_at" = "lease_expires_at",
       "error" = 'The process running this load stopped renewing its lease (killed, or lost its connection); its transaction was rolled back'
     where "status" = 'running' and "lease_expires_at" < now()`,
  );
  return rowCount;
}

/**
 * Records how a load ended; inside the load's transaction on success, so the status commits with
 * the data.
 *
 * @example
 * ```ts
 * await recordLoadEnd(tx, load.loadId, { status: 'succeeded', finishedAt: new Date(), counts });
 * ```
 * @internal
 */
export async function recordLoadEnd(conn: Connection, loadId: string, outcome: LoadOutcome): Promise<void> {
  const c = outcome.counts;
  await conn.query(
    `update "datakit"."loads" set "status" = $2, "finished_at" = $3, "rows_read" = $4, "rows_loaded" = $5,
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

interface CursorRow {
  source_system: string;
  source_table: string;
  target_table: string;
  cursor_column: string;
  value: string | null;
}

/**
 * The saved value of a transfer's incremental cursor, or undefined before its first load. A
 * cursor saved for another source (system or table), target or cursor column is refused: its
 * value says nothing about this source, and using it would skip rows silently. @internal
 *
 * @example
 * ```ts
 * const last = await readCursor(warehouse, key, 'updated_at'); // undefined on the first load
 * ```
 */
export async function readCursor(
  conn: Connection,
  key: LoadKey,
  column: string,
): Promise<string | null | undefined> {
  const { rows } = await conn.query<CursorRow>(
    `select "source_system", "source_table", "target_table", "cursor_column", "value" from "datakit"."cursors"
     where "warehouse" = $1 and "environment" = $2 and "transfer" = $3`,
    [key.warehouse, key.environment, key.transfer],
  );
  const saved = rows[0];
  if (!saved) return undefined;
  const differs = (
    [
      [
        'source table',
        `${saved.source_system}.${saved.source_table}`,
        `${key.sourceSystem}.${key.sourceTable}`,
      ],
      ['target table', saved.target_table, key.targetTable],
      ['cursor column', saved.cursor_column, column],
    ] as const
  ).find(([, was, now]) => was !== now);
  if (differs) {
    const [what, was, now] = differs;
    throw new DatakitError(
      'TRANSFER',
      `The cursor of transfer "${key.transfer}" (warehouse "${key.warehouse}", environment "${key.environment}") was saved for ${what} ${was}, but this load uses ${now}; its value would skip rows`,
      {
        hint: 'If the change is intended, run the transfer once with resetCursor: true (CLI: --reset-cursor) to read the whole source again.',
        context: { table: key.sourceTable, column },
      },
    );
  }
  return saved.value;
}

/**
 * Saves a cursor value; called inside the load's transaction. @internal
 *
 * @example
 * ```ts
 * await saveCursor(tx, key, { column: 'updated_at', value: '2024-05-01 10:00:00+00', loadId });
 * ```
 */
export async function saveCursor(
  conn: Connection,
  key: LoadKey,
  cursor: { column: string; value: string | null; loadId: string },
): Promise<void> {
  await conn.query(
    `insert into "datakit"."cursors" ("warehouse", "environment", "transfer", "source_system", "source_table",
       "target_table", "cursor_column", "value", "load_id", "updated_at")
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
     on conflict ("warehouse", "environment", "transfer") do update set "source_system" = excluded."source_system",
       "source_table" = excluded."source_table", "target_table" = excluded."target_table",
       "cursor_column" = excluded."cursor_column", "value" = excluded."value", "load_id" = excluded."load_id",
       "updated_at" = excluded."updated_at"`,
    [
      key.warehouse,
      key.environment,
      key.transfer,
      key.sourceSystem,
      key.sourceTable,
      key.targetTable,
      cursor.column,
      cursor.value,
      cursor.loadId,
    ],
  );
}
