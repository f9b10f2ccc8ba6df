import type { Connection } from '../../dialect/connection.js';
import { queueRuns } from '../../store/runs/queue-runs.js';
import { DEFAULT_STORE_SCHEMA } from '../../store/store-schema.js';
import type { CompiledPipeline } from '../dag/compiled-pipeline.js';
import type { RunPipelineOptions, RunResult } from '../execute/run-pipeline.js';
import { runPipeline } from '../execute/run-pipeline.js';
import type { BackfillStep } from './plan-backfill.js';

/**
 * What {@link runBackfill} takes besides the plan.
 *
 * @example
 * ```ts
 * const options: BackfillOptions = { pipeline, environment: 'dev', store, maxActiveRuns: 2, runOptions: { endpoints } };
 * ```
 */
export interface BackfillOptions {
  pipeline: CompiledPipeline;
  environment: string;
  store: Connection;
  /** Runs of the backfill at once (default: the pipeline's `maxActiveRuns`). */
  maxActiveRuns?: number;
  runOptions: Omit<
    RunPipelineOptions,
    'pipeline' | 'environment' | 'store' | 'runId' | 'reset' | 'maxActiveRuns' | 'wait'
  >;
}

/**
 * Carries out a backfill plan in logical-time order: queues a `backfill` run for each time without
 * one, then starts, resumes or re-runs them, `maxActiveRuns` at a time. Returns the results of
 * the runs it ran, in logical-time order; an error that stops a run before its tasks (breaking
 * drift) stops the backfill and is thrown once the runs in flight ended.
 *
 * @example
 * ```ts
 * const results = await runBackfill(await planBackfill(store, pipeline, 'dev', range, 'failed'), options);
 * ```
 */
export async function runBackfill(
  plan: readonly BackfillStep[],
  options: BackfillOptions,
): Promise<RunResult[]> {
  const { pipeline, store } = options;
  const key = { warehouse: pipeline.warehouse, pipeline: pipeline.name, environment: options.environment };
  const toCreate = plan.filter((s) => s.action === 'create').map((s) => s.logicalTime);
  const created = await queueRuns(
    store,
    key,
    toCreate,
    'backfill',
    pipeline.hash,
    pipeline.datakits,
    DEFAULT_STORE_SCHEMA,
  );
  const idAt = new Map(created.map((c) => [c.logicalTime.getTime(), c.id]));
  const work = plan
    .filter((s) => s.action !== 'skip')
    .map((s) => ({ step: s, id: s.run?.id ?? idAt.get(s.logicalTime.getTime()) }))
    .filter((w): w is { step: BackfillStep; id: string } => w.id !== undefined);
  const limit = Math.max(1, options.maxActiveRuns ?? pipeline.maxActiveRuns);
  const results: (RunResult | undefined)[] = new Array(work.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < work.length && !failure && !options.runOptions.signal?.aborted) {
      const i = next++;
      const { step, id } = work[i] as { step: BackfillStep; id: string };
      const reset = step.action === 'resume' ? 'unfinished' : step.action === 'rerun' ? 'all' : undefined;
      try {
        results[i] = await runPipeline({
          ...options.runOptions,
          pipeline,
          environment: options.environment,
          store,
          runId: id,
          maxActiveRuns: limit,
          wait: true,
          ...(reset ? { reset } : {}),
        });
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, work.length) }, worker));
  if (failure) throw failure.error;
  return results.filter((r): r is RunResult => r !== undefined);
}
