import type { WriteDisposition } from '../../contract/define-datakit.js';
import type { Connection } from '../../dialect/connection.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../store-schema.js';

/**
 * A load that a run's transfer task wrote, as the run store holds it (its `loads` table).
 *
 * @example
 * ```ts
 * const load: RunLoad = { task: 'customer', loadId: '0f8…', sourceSystem: 'system-a', sourceTable: 'customer',
 *   targetTable: 'bronze.customer', disposition: 'merge', startedAt, finishedAt, durationMs: 412,
 *   rows: { read: 2000, loaded: 1997, rejected: 3, dropped: 0, inserted: 1997, updated: 0, unchanged: 0, closed: 0 } };
 * ```
 */
export interface RunLoad {
  /** The task of the run that wrote it (the transfer's name). */
  task: string;
  loadId: string;
  sourceSystem: string;
  /** The source table; `schema.table` for a load between layers (its source system is the warehouse). */
  sourceTable: string;
  targetTable: string;
  disposition: WriteDisposition;
  rows: {
    read: number;
    loaded: number;
    rejected: number;
    dropped: number;
    inserted: number;
    updated: number;
    unchanged: number;
    closed: number;
  };
  startedAt: Date;
  finishedAt: Date | null;
  /** `finishedAt - startedAt`, in whole milliseconds (0 while running). */
  durationMs: number;
}

/**
 * The loads of a run's succeeded transfer tasks: each task run joined to the load it wrote, in
 * the order the loads started. Counts and times are the store's, whichever process ran the tasks.
 *
 * @example
 * ```ts
 * const loads = await readRunLoads(conn, run.id);
 * loads.map((l) => `${l.task}: ${l.rows.loaded} rows into ${l.targetTable}`);
 * ```
 */
export async function readRunLoads(
  conn: Connection,
  runId: string,
  store: StoreSchema = DEFAULT_STORE_SCHEMA,
): Promise<RunLoad[]> {
  const { rows } = await conn.query<Record<string, unknown>>(
    `select t."task", l."source_system", l."source_table", l."target_table", l."disposition", l."load_id"::text as "load_id",
            l."rows_read", l."rows_loaded", l."rows_rejected", l."rows_dropped", l."rows_inserted", l."rows_updated",
            l."rows_unchanged", l."rows_closed", l."started_at", l."finished_at",
            coalesce(round(extract(epoch from (l."finished_at" - l."started_at")) * 1000), 0)::bigint as "duration_ms"
     from ${store.taskRuns} t join ${store.loads} l on l."load_id"::text = t."load_id"
     where t."run_id" = $1 and t."kind" = 'transfer' and t."state" = 'succeeded'
     order by l."started_at", t."id"`,
    [runId],
  );
  const n = (v: unknown) => Number(v ?? 0);
  return rows.map((r) => ({
    task: String(r.task),
    loadId: String(r.load_id),
    sourceSystem: String(r.source_system),
    sourceTable: String(r.source_table),
    targetTable: String(r.target_table),
    disposition: String(r.disposition) as WriteDisposition,
    rows: {
      read: n(r.rows_read),
      loaded: n(r.rows_loaded),
      rejected: n(r.rows_rejected),
      dropped: n(r.rows_dropped),
      inserted: n(r.rows_inserted),
      updated: n(r.rows_updated),
      unchanged: n(r.rows_unchanged),
      closed: n(r.rows_closed),
    },
    startedAt: new Date(r.started_at as string | Date),
    finishedAt:
      r.finished_at === null || r.finished_at === undefined ? null : new Date(r.finished_at as string | Date),
    durationMs: n(r.duration_ms),
  }));
}
