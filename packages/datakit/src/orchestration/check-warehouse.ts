import type { WarehouseConfig } from '../config/define-config.js';
import type { QualityTaskConfig } from '../config/pipeline-config.js';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { QualityCheck } from '../quality/quality-check.js';
import { type CheckResult, runChecks } from '../quality/run-checks.js';
import type { PlaceTable } from '../sql-transform/resolve-table.js';
import { finishCheckRun } from '../store/runs/finish-check-run.js';
import { recordCheckResults } from '../store/runs/record-check-results.js';
import { startCheckRun } from '../store/runs/start-check-run.js';
import { DEFAULT_STORE_SCHEMA } from '../store/store-schema.js';
import type { PlacedTable } from '../warehouse/placed-table.js';
import { compilePipeline } from './dag/compile-pipeline.js';
import { runOwner } from './execute/run-owner.js';
import { taskPlace } from './tasks/task-place.js';

/**
 * What {@link checkWarehouse} checks and where.
 *
 * @example
 * ```ts
 * const options: CheckWarehouseOptions = { warehouse, warehouseName: 'main', environment: 'prod', connection, pipelines: ['nightly'] };
 * ```
 */
export interface CheckWarehouseOptions {
  warehouse: WarehouseConfig;
  warehouseName: string;
  environment: string;
  /** The warehouse: the checks run on it, and their results go to its run store (migrated). */
  connection: Connection;
  /** Only the checks of these pipelines (default: every pipeline of the warehouse). */
  pipelines?: readonly string[];
  /** The time freshness is judged at (default now). */
  now?: Date;
  /** Sample rows kept per failing check (default 5). */
  samples?: number;
}

/**
 * One result of {@link checkWarehouse}: a check's result with the pipeline and task declaring it.
 *
 * @example
 * ```ts
 * const failed = result.results.filter((r: WarehouseCheck) => r.status === 'error').map((r) => `${r.pipeline}/${r.task}: ${r.name}`);
 * ```
 */
export type WarehouseCheck = CheckResult & { pipeline: string; task: string };

/**
 * The outcome of {@link checkWarehouse}: the check run's id in the run store, the verdict
 * (`error` when a check is in error), the counts per status and every result.
 *
 * @example
 * ```ts
 * if (outcome.verdict === 'error') process.exitCode = 1;
 * ```
 */
export interface CheckWarehouseResult {
  checkRunId: string;
  verdict: 'pass' | 'warn' | 'error';
  counts: { pass: number; warn: number; error: number };
  results: WarehouseCheck[];
}

interface CheckGroup {
  pipeline: string;
  task: string;
  checks: QualityCheck[];
  place: PlaceTable;
}

/**
 * Runs the quality checks of a warehouse's pipelines on their own, outside a pipeline run, as
 * `datakit check` does: each quality task's checks with its tables where a run places them, a check
 * shared by several pipelines once. The results are recorded in the run store as a check run
 * (`datakit.check_runs`, results in `datakit.quality_results` with no pipeline run). A pipeline
 * that does not exist, or no checks to run, is a `USAGE` error before anything is recorded.
 *
 * @example
 * ```ts
 * const outcome = await checkWarehouse({ warehouse, warehouseName: 'main', environment: 'dev', connection });
 * console.log(outcome.verdict, outcome.counts); // 'warn' { pass: 11, warn: 1, error: 0 }
 * ```
 */
export async function checkWarehouse(options: CheckWarehouseOptions): Promise<CheckWarehouseResult> {
  const pipelines = options.pipelines ?? Object.keys(options.warehouse.pipelines ?? {});
  const groups = checkGroups(options.warehouse, options.warehouseName, pipelines);
  const store = options.connection;
  const storeSchema = DEFAULT_STORE_SCHEMA;
  const checkRunId = await startCheckRun(
    store,
    { warehouse: options.warehouseName, environment: options.environment, pipelines, owner: runOwner() },
    storeSchema,
  );
  const now = options.now ?? new Date();
  const results: WarehouseCheck[] = [];
  for (const group of groups) {
    const run = await runChecks(options.connection, group.checks, {
      place: group.place,
      now,
      ...(options.samples === undefined ? {} : { samples: options.samples }),
    });
    await recordCheckResults(
      store,
      { checkRunId, pipeline: group.pipeline, task: group.task, attempt: 1 },
      run.results,
      storeSchema,
    );
    for (const r of run.results) results.push({ ...r, pipeline: group.pipeline, task: group.task });
  }
  const counts = { pass: 0, warn: 0, error: 0 };
  for (const r of results) counts[r.status]++;
  const verdict = counts.error > 0 ? 'error' : counts.warn > 0 ? 'warn' : 'pass';
  await finishCheckRun(store, checkRunId, verdict, storeSchema);
  return { checkRunId, verdict, counts, results };
}

function checkGroups(warehouse: WarehouseConfig, warehouseName: string, pipelines: readonly string[]) {
  const base = `warehouses.${warehouseName}.pipelines`;
  if (pipelines.length === 0) {
    throw new DatakitError('USAGE', `Warehouse "${warehouseName}" has no pipelines, so no checks to run`, {
      hint: `Declare a pipeline with a quality task under ${base}: { name: 'check-silver', checks: contractChecks(inLayer(customer, 'silver')) }.`,
    });
  }
  const seen = new Set<QualityCheck>();
  const groups: CheckGroup[] = [];
  for (const name of pipelines) {
    const pipeline = compilePipeline(warehouse, warehouseName, name);
    for (const task of pipeline.tasks) {
      if (task.kind !== 'quality') continue;
      const checks = (task.config as QualityTaskConfig).checks.filter((c) => !seen.has(c));
      for (const c of checks) seen.add(c);
      if (checks.length === 0) continue;
      const placements = task.reads
        .map((key) => pipeline.tables.get(key))
        .filter((p): p is PlacedTable => p !== undefined);
      groups.push({
        pipeline: name,
        task: task.name,
        checks,
        place: taskPlace(pipeline.scope.plan, placements),
      });
    }
  }
  if (groups.length === 0) {
    throw new DatakitError(
      'USAGE',
      pipelines.length === 1
        ? `Pipeline "${pipelines[0]}" declares no quality checks`
        : `No pipeline of warehouse "${warehouseName}" declares quality checks (${pipelines.join(', ')})`,
      {
        hint: `Add a quality task to a pipeline under ${base}: { name: 'check-silver', checks: contractChecks(inLayer(customer, 'silver')) }.`,
      },
    );
  }
  return groups;
}
