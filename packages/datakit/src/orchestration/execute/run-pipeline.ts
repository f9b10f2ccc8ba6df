import type { Connection } from '../../dialect/connection.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { type AcquireResult, acquireRun, type RunRequest } from '../../store/runs/acquire-run.js';
import { finishRun } from '../../store/runs/finish-run.js';
import { getRun, type RunEvent } from '../../store/runs/get-run.js';
import { markNotRun } from '../../store/runs/mark-not-run.js';
import { renewLeases } from '../../store/runs/renew-leases.js';
import type { RunRecord, RunTrigger, TaskRunRecord } from '../../store/runs/run-record.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../../store/store-schema.js';
import type { CompiledPipeline } from '../dag/compiled-pipeline.js';
import type { TransferHooks } from '../tasks/transfer-hooks.js';
import type { ConnectionEndpoints } from './attempt-connections.js';
import { driveRun } from './drive-run.js';
import type { Executor } from './executor.js';
import { InProcessExecutor } from './in-process-executor.js';
import type { RunProgressEvent } from './run-events.js';
import { runOwner } from './run-owner.js';
import type { TaskRuntime } from './task-runtime.js';

/**
 * What {@link runPipeline} runs and how.
 *
 * @example
 * ```ts
 * const options: RunPipelineOptions = { pipeline, environment: 'dev', store, endpoints: { warehouse: url, sources } };
 * ```
 */
export interface RunPipelineOptions {
  pipeline: CompiledPipeline;
  environment: string;
  /** The run store: the warehouse database, migrated. */
  store: Connection;
  endpoints: ConnectionEndpoints;
  /** A new run stands for this time (default now); ignored for an existing run. */
  logicalTime?: Date;
  trigger?: RunTrigger;
  /** Start this existing run (a queued one), or resume it with `reset`. */
  runId?: string;
  /** With `runId`: run again the tasks that did not succeed (`unfinished`), or every task (`all`). */
  reset?: 'unfinished' | 'all';
  /** Default: the in-process executor. */
  executor?: (runtime: TaskRuntime) => Executor;
  owner?: string;
  /** How long a claim lasts without a heartbeat (default 30 s); renewed every third of it. */
  leaseMs?: number;
  /** Overrides the pipeline's `maxActiveRuns` (backfills). */
  maxActiveRuns?: number;
  /** When every slot is taken: wait for one (polling) instead of throwing. */
  wait?: boolean;
  /** Aborts the running tasks and starts no more. */
  signal?: AbortSignal;
  /** Starts no more tasks and lets the running ones end (a scheduler's SIGTERM). */
  drain?: AbortSignal;
  /** Runs after the run is acquired and before any task (the drift check); a throw fails the run. */
  preflight?: (run: RunRecord) => Promise<void>;
  onEvent?: (event: RunProgressEvent) => void;
  abortGraceMs?: number;
  /** How the in-process transfer tasks run and report (`datakit transfer`: progress, full results). */
  transfers?: TransferHooks;
}

/**
 * The end of a run: its record, its task runs and its event log, as the run store holds them.
 *
 * @example
 * ```ts
 * if (!result.ok) process.exitCode = 1;
 * ```
 */
export interface RunResult {
  ok: boolean;
  run: RunRecord;
  tasks: TaskRunRecord[];
  events: RunEvent[];
}

/**
 * Runs a pipeline: takes a slot of the pipeline in this environment (refused, naming the run that
 * holds it, unless `wait`), runs the preflight check, then the DAG with the executor, and records
 * everything in the run store. Resolves with the final state; a failed task makes `ok` false.
 *
 * @example
 * ```ts
 * const result = await runPipeline({ pipeline: compilePipeline(warehouse, 'demo', 'nightly'), environment: 'dev', store, endpoints });
 * console.log(result.run.state, result.tasks.map((t) => `${t.task}: ${t.state}`));
 * ```
 */
export async function runPipeline(options: RunPipelineOptions): Promise<RunResult> {
  const { pipeline, store } = options;
  const storeSchema = DEFAULT_STORE_SCHEMA;
  const owner = options.owner ?? runOwner();
  const leaseMs = options.leaseMs ?? 30_000;
  const run = await acquire(options, owner, leaseMs, storeSchema);
  const heartbeat = setInterval(
    () => void renewLeases(store, owner, leaseMs, storeSchema).catch(() => {}),
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  heartbeat.unref();
  const runtime: TaskRuntime = {
    store,
    storeSchema,
    owner,
    leaseMs,
    pipelineOf: () => pipeline,
    endpoints: options.endpoints,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.abortGraceMs !== undefined ? { abortGraceMs: options.abortGraceMs } : {}),
    ...(options.transfers ? { transfers: options.transfers } : {}),
  };
  const executor = (options.executor ?? ((r) => new InProcessExecutor(r)))(runtime);
  try {
    const before = (await getRun(store, run.id, storeSchema))?.tasks ?? [];
    const taskRunIds = new Map(before.map((t) => [t.task, t.id]));
    const succeeded = new Set(before.filter((t) => t.state === 'succeeded').map((t) => t.task));
    const toRun = pipeline.tasks.filter((t) => !succeeded.has(t.name)).length;
    options.onEvent?.({
      type: 'run_started',
      run,
      tasks: pipeline.tasks.length,
      toRun,
      resumed: options.reset !== undefined,
    });
    try {
      await options.preflight?.(run);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await markNotRun(
        store,
        run.id,
        pipeline.tasks.map((t) => t.name),
        'cancelled',
        `preflight failed: ${message.split('\n')[0]}`,
        storeSchema,
      );
      await finishRun(store, run.id, owner, 'failed', message, storeSchema);
      throw error;
    }
    const never = new AbortController().signal;
    const outcome = await driveRun({
      store,
      storeSchema,
      run,
      pipeline,
      executor,
      taskRunIds,
      succeeded,
      cancel: options.signal ?? never,
      drain: options.drain ?? never,
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    const after = (await getRun(store, run.id, storeSchema))?.tasks ?? [];
    const failed = after.filter((t) => t.state !== 'succeeded' && pipeline.byName.has(t.task));
    const state = outcome.allSucceeded
      ? 'succeeded'
      : outcome.requeue
        ? 'queued'
        : outcome.stopped
          ? 'cancelled'
          : 'failed';
    const error =
      state === 'succeeded' || state === 'queued'
        ? undefined
        : `${failed.length} of ${pipeline.tasks.length} tasks did not succeed: ${failed
            .map((t) => `${t.task} (${t.state})`)
            .slice(0, 5)
            .join(', ')}`;
    await finishRun(store, run.id, owner, state, error, storeSchema);
    const final = await getRun(store, run.id, storeSchema);
    if (!final) throw new Error(`run ${run.id} disappeared from the run store`);
    options.onEvent?.({ type: 'run_ended', run: final.run });
    return { ok: state === 'succeeded', ...final };
  } finally {
    clearInterval(heartbeat);
    await executor.close();
  }
}

async function acquire(
  options: RunPipelineOptions,
  owner: string,
  leaseMs: number,
  storeSchema: StoreSchema,
): Promise<RunRecord> {
  const { pipeline } = options;
  const key = { warehouse: pipeline.warehouse, pipeline: pipeline.name, environment: options.environment };
  const request: RunRequest = {
    key,
    owner,
    leaseMs,
    maxActiveRuns: options.maxActiveRuns ?? pipeline.maxActiveRuns,
    tasks: pipeline.tasks.map((t) => ({ name: t.name, kind: t.kind, maxAttempts: t.policy.retries + 1 })),
    ...(options.runId
      ? { runId: options.runId, ...(options.reset ? { reset: options.reset } : {}) }
      : {
          create: {
            logicalTime: options.logicalTime ?? new Date(),
            trigger: options.trigger ?? 'manual',
            definitionHash: pipeline.hash,
            datakits: pipeline.datakits,
          },
        }),
  };
  for (;;) {
    const result: AcquireResult = await acquireRun(options.store, request, storeSchema);
    if (result.ok) return result.run;
    if (result.taken) throw takenError(request.runId ?? '');
    if (!options.wait || options.signal?.aborted)
      throw heldError(result.holders, options, key.environment, request.runId);
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.max(100, leaseMs / 10))));
  }
}

function takenError(runId: string): DatakitError {
  return new DatakitError(
    'RUN',
    `Run ${runId} is not queued any more: another scheduler or runner started it`,
    {
      hint: `Nothing to do: each queued run is started once. See it with datakit runs ${runId}.`,
    },
  );
}

function heldError(
  holders: RunRecord[],
  options: RunPipelineOptions,
  environment: string,
  runId?: string,
): DatakitError {
  const self = holders.find((h) => h.id === runId);
  const held = holders.map(
    (h) =>
      `run ${h.id} (${h.trigger}, logical time ${h.logicalTime.toISOString()}, started ${h.startedAt?.toISOString() ?? '?'} by ${h.owner ?? '?'})`,
  );
  const message = self
    ? `Run ${self.id} of pipeline "${options.pipeline.name}" is running already (by ${self.owner ?? '?'})`
    : `Pipeline "${options.pipeline.name}" is already running in environment "${environment}": ${held.join('; ')}`;
  return new DatakitError('RUN', message, {
    hint: self
      ? 'Wait for it to end; if its process died, its lease expires and it becomes abandoned, then resume it.'
      : `Wait for it (add --wait), or allow more runs at once with maxActiveRuns: ${holders.length + 1} in the pipeline.`,
    context: { key: `pipelines.${options.pipeline.name}` },
  });
}
