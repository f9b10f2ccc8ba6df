import { type Connection, readRunLoads, rowsPerSecond, type TransferLine } from 'datakit-warehouse';

/**
 * The summary lines of a run's transfer tasks, as the run store holds them (`readRunLoads`): each
 * task run with the load it wrote, in the order the loads started. Counts and times come from the
 * store, not from the process that ran them.
 *
 * @example
 * ```ts
 * const lines = await transferLinesOfRun(store, run.id);
 * lines[0]; // { name: 'customer', source: 'system-a.customer', target: 'bronze.customer', rows: {...}, ... }
 * ```
 */
export async function transferLinesOfRun(store: Connection, runId: string): Promise<TransferLine[]> {
  return (await readRunLoads(store, runId)).map((load) => ({
    name: load.task,
    // A layer transfer (silver from bronze) records the warehouse as its source system.
    source: load.sourceTable.includes('.') ? load.sourceTable : `${load.sourceSystem}.${load.sourceTable}`,
    target: load.targetTable,
    disposition: load.disposition,
    rows: load.rows,
    durationMs: load.durationMs,
    rowsPerSecond: rowsPerSecond(load.rows.read, load.durationMs),
    loadId: load.loadId,
  }));
}
