import type { SelectedEnvironment } from '../config/select-environment.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { TransferResult } from '../transfer/transfer-options.js';
import { planWarehouse } from '../warehouse/plan-warehouse.js';
import {
  summarizeTransfers,
  type TransferLine,
  type TransferSummary,
  transferLine,
} from '../warehouse/transfer-summary.js';
import { compileTransfers } from './dag/compile-transfers.js';
import type { CompiledPipeline, CompiledTask } from './dag/compiled-pipeline.js';
import { checkTransfersDrift } from './environment/check-transfers-drift.js';
import { openRunStore } from './environment/open-run-store.js';
import { pipelineEndpoints } from './environment/pipeline-endpoints.js';
import { type RunResult, runPipeline } from './execute/run-pipeline.js';
import type { TransferHooks } from './tasks/transfer-hooks.js';

/**
 * How one transfer of a {@link runTransfers} run ended.
 *
 * @example
 * ```ts
 * for (const o of run.outcomes) if (o.status === 'failed') console.error(o.name, o.error.message);
 * ```
 */
export type TransferOutcome =
  | { name: string; status: 'succeeded'; result: TransferResult; line: TransferLine }
  | { name: string; status: 'failed'; error: DatakitError }
  | { name: string; status: 'skipped'; reason: string };

/**
 * Options of {@link runTransfers}.
 *
 * @example
 * ```ts
 * const options: RunTransfersOptions = { target, names: ['customer'], progress: true };
 * ```
 */
export interface RunTransfersOptions {
  /** The warehouse environment: its URLs, and the name its runs and loads are recorded under. */
  target: SelectedEnvironment;
  /** The transfers to run (default: all). */
  names?: readonly string[];
  /** Each transfer's progress on stderr (live on a TTY, one line otherwise). */
  progress?: boolean;
  /** Ignore saved cursors once (`--reset-cursor`). */
  resetCursor?: boolean;
}

/**
 * What a run of a warehouse's transfers did: the pipeline run as the run store holds it, an
 * outcome per transfer (in the order they ran) and the summary of those that succeeded. `ok` is
 * false when any did not succeed.
 *
 * @example
 * ```ts
 * if (!transfers.ok) process.exitCode = 1;
 * console.log(formatTransferTable(transfers.summary).join('\n'));
 * ```
 */
export interface TransfersRun {
  ok: boolean;
  run: RunResult;
  outcomes: TransferOutcome[];
  summary: TransferSummary;
}

/**
 * Runs a warehouse's transfers (all, or the named ones) as a pipeline run of their own (trigger
 * `transfer`, pipeline `(transfer)`) through {@link runPipeline}: one at a time, each after the
 * transfers it depends on (it reads their target, or its target's foreign keys reference theirs),
 * recorded in the run store like any run. First the drift of every table they move is checked,
 * so breaking drift stops the run before a single row moves. A failed transfer does not stop
 * independent ones; those that depend on it are skipped. The run store must be current
 * (`datakit deploy`).
 *
 * @example
 * ```ts
 * const transfers = await runTransfers({ target: selectEnvironment(await loadConfig(), { env: 'dev' }), progress: true });
 * console.log(transfers.run.run.id, transfers.summary.totals);
 * ```
 */
export async function runTransfers(options: RunTransfersOptions): Promise<TransfersRun> {
  const { target } = options;
  const plan = planWarehouse(target);
  const pipeline = compileTransfers(target.warehouse, target.warehouseName, options.names);
  const planned = pipeline.tasks.map((t) => plan.transfer(t.name, t.name));
  const endpoints = pipelineEndpoints(target, pipeline);
  const store = await openRunStore(target.warehouseUrl());
  const ends = new Map<string, Parameters<NonNullable<TransferHooks['onEnd']>>[1]>();
  try {
    const run = await runPipeline({
      pipeline,
      environment: target.envName,
      store,
      endpoints,
      trigger: 'transfer',
      preflight: async () => {
        await checkTransfersDrift(
          { warehouse: target.warehouseName, environment: target.envName },
          planned,
          endpoints,
          store,
        );
      },
      transfers: {
        options: {
          progress: options.progress === true,
          ...(options.resetCursor ? { resetCursor: true } : {}),
        },
        onEnd: (task, end) => ends.set(task, end),
      },
    });
    const outcomes = pipeline.tasks.map((task, i): TransferOutcome => {
      const end = ends.get(task.name);
      if (end && 'result' in end)
        return {
          name: task.name,
          status: 'succeeded',
          result: end.result,
          line: transferLine(planned[i] as (typeof planned)[number], end.result),
        };
      const record = run.tasks.find((t) => t.task === task.name);
      if (!end && record?.state === 'upstream_failed') {
        const blocked = blockedBy(pipeline, task, run);
        return {
          name: task.name,
          status: 'skipped',
          reason: `transfer "${blocked}", which it runs after, did not succeed`,
        };
      }
      const cause = end && 'error' in end ? end.error : new Error(record?.error ?? `ended ${record?.state}`);
      return { name: task.name, status: 'failed', error: transferError(task.name, cause) };
    });
    const lines = outcomes.flatMap((o) => (o.status === 'succeeded' ? [o.line] : []));
    return { ok: run.ok, run, outcomes, summary: summarizeTransfers(lines) };
  } finally {
    await store.close();
  }
}

function blockedBy(pipeline: CompiledPipeline, task: CompiledTask, run: RunResult): string | undefined {
  const succeeded = new Set(run.tasks.filter((t) => t.state === 'succeeded').map((t) => t.task));
  return task.upstream
    .map((i) => pipeline.tasks[i]?.name)
    .find((name) => name !== undefined && !succeeded.has(name));
}

function transferError(name: string, error: unknown): DatakitError {
  if (error instanceof DatakitError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DatakitError('TRANSFER', `Transfer "${name}" failed: ${message}`, { cause: error });
}
