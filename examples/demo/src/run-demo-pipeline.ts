import {
  type Connection,
  compilePipeline,
  DatakitError,
  formatDuration,
  formatNumber,
  type RunRecord,
  readCheckResults,
  runPipeline,
  type StoredCheckResult,
  summarizeTransfers,
  type TaskRows,
  type TransferSummary,
  type WarehouseConfig,
} from 'datakit-warehouse';
import { transferLinesOfRun } from './transfer-lines-of-run.js';

/** The pipeline of the demo warehouse that `datakit demo` runs. */
export const DEMO_PIPELINE = 'demo';

/** A task of the demo run after bronze (silver and gold SQL transforms, dimensions), with its counts from the run store. */
export interface LayerTaskLine {
  task: string;
  /** `sql` for a SQL transform (or fact, aggregate), `dimension` for an SCD2 dimension, `custom` for a function (the date dimension). */
  kind: 'sql' | 'dimension' | 'custom';
  rows: TaskRows;
  durationMs: number;
  /** The load a SQL transform wrote (its rejects carry it). */
  loadId?: string;
}

/** Where {@link runDemoPipeline} runs: the warehouse (also the run store) and the source systems. */
export interface DemoPipelineTarget {
  warehouse: WarehouseConfig;
  warehouseName: string;
  store: Connection;
  sources: Readonly<Record<string, Connection>>;
  say: (line: string) => void;
  /** The run's logical time (default now). */
  logicalTime?: Date;
}

/**
 * Runs the demo warehouse's `demo` pipeline in process with `runPipeline` at a logical time, on
 * connections the demo owns (PGlite serialises each one), and reads the transfer summary back
 * from the run store (the task runs and the loads they wrote, the counts of the tasks after bronze
 * and the quality check results), so the demo prints what `datakit runs` shows.
 *
 * @example
 * ```ts
 * const { run, summary } = await runDemoPipeline({ warehouse, warehouseName: 'demo', store, sources, say: console.error });
 * summary.totals.read; // 26200
 * ```
 */
export async function runDemoPipeline(target: DemoPipelineTarget): Promise<{
  run: RunRecord;
  summary: TransferSummary;
  layers: LayerTaskLine[];
  checks: StoredCheckResult[];
}> {
  const { store, say } = target;
  const pipeline = compilePipeline(target.warehouse, target.warehouseName, DEMO_PIPELINE);
  const result = await runPipeline({
    pipeline,
    environment: 'dev',
    store,
    endpoints: { warehouse: store, sources: target.sources },
    ...(target.logicalTime ? { logicalTime: target.logicalTime } : {}),
    onEvent: (event) => {
      if (event.type === 'run_started')
        say(`Running pipeline "${pipeline.name}" (run ${event.run.id}, ${event.tasks} tasks) ...`);
      else if (event.type === 'task_started') say(`Task ${event.task} ...`);
      else if (event.type === 'task_ended' && event.outcome.state === 'succeeded' && event.outcome.rows) {
        const r = event.outcome.rows;
        say(
          `  ${event.task}: ${formatNumber(r.read)} read, ${formatNumber(r.loaded)} loaded, ${formatNumber(r.rejected)} rejected, ${formatNumber(r.dropped)} dropped in ${formatDuration(event.durationMs)}`,
        );
      }
    },
  });
  if (!result.ok) {
    const failed = result.tasks.find((t) => t.state === 'failed');
    throw new DatakitError(
      'RUN',
      `The demo pipeline failed (run ${result.run.id}): ${failed ? `task ${failed.task}: ${failed.error ?? failed.state}` : (result.run.error ?? result.run.state)}`,
      { hint: `See the run with: npx datakit runs ${result.run.id} --env dev` },
    );
  }
  const layers = result.tasks.flatMap((t): LayerTaskLine[] =>
    t.kind === 'sql' || t.kind === 'dimension' || t.kind === 'custom'
      ? [
          {
            task: t.task,
            kind: t.kind,
            rows: t.rows ?? { read: 0, loaded: 0, rejected: 0, dropped: 0 },
            durationMs: t.startedAt && t.endedAt ? t.endedAt.getTime() - t.startedAt.getTime() : 0,
            ...(t.loadId ? { loadId: t.loadId } : {}),
          },
        ]
      : [],
  );
  return {
    run: result.run,
    summary: summarizeTransfers(await transferLinesOfRun(store, result.run.id)),
    layers,
    checks: await readCheckResults(store, result.run.id),
  };
}
