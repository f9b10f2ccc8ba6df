import type { WriteDisposition } from '../contract/define-datakit.js';
import type { Connection } from '../dialect/connection.js';
import { rowsPerSecond } from '../transfer/rows-per-second.js';
import type { TransferLine } from '../warehouse/transfer-summary.js';

/**
 * The summary lines of a run's transfer tasks, as the run store holds them: each task run joined
 * to the load it wrote (`datakit.loads`), in the order the loads started. Counts and times come
 * from the store, not from the process that ran them.
 *
 * @example
 * ```ts
 * const lines = await transferLinesOfRun(store, run.id);
 * lines[0]; // { name: 'customer', source: 'system-a.customer', target: 'bronze.customer', rows: {...}, ... }
 * ```
 */
export async function transferLinesOfRun(store: Connection, runId: string): Promise<TransferLine[]> {
  const { rows } = await store.query<Record<string, unknown>>(
    `select t."task", l."source_system", l."source_table", l."target_table", l."disposition", l."load_id"::text as "load_id",
            l."rows_read", l."rows_loaded", l."rows_rejected", l."rows_dropped", l."rows_inserted", l."rows_updated",
            l."rows_unchanged", l."rows_closed",
            round(extract(epoch from (l."finished_at" - l."started_at")) * 1000)::bigint as "duration_ms"
     from "datakit"."task_runs" t join "datakit"."loads" l on l."load_id"::text = t."load_id"
     where t."run_id" = $1 and t."kind" = 'transfer' and t."state" = 'succeeded'
     order by l."started_at", t."id"`,
    [runId],
  );
  return rows.map((r) => {
    const n = (v: unknown) => Number(v ?? 0);
    const durationMs = n(r.duration_ms);
    const system = String(r.source_system);
    const source = String(r.source_table);
    return {
      name: String(r.task),
      // A layer transfer (silver from bronze) records the warehouse as its source system.
      source: source.includes('.') ? source : `${system}.${source}`,
      target: String(r.target_table),
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
      durationMs,
      rowsPerSecond: rowsPerSecond(n(r.rows_read), durationMs),
      loadId: String(r.load_id),
    };
  });
}
