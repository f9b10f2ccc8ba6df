import type { Connection } from '../../dialect/connection.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { listRuns } from '../../store/runs/list-runs.js';
import { queueRuns } from '../../store/runs/queue-runs.js';
import type { RunKey } from '../../store/runs/run-record.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../../store/store-schema.js';
import type { CompiledPipeline } from '../dag/compiled-pipeline.js';
import type { RunPipelineOptions, RunResult } from '../execute/run-pipeline.js';
import { runPipeline } from '../execute/run-pipeline.js';
import { catchUp, Schedule } from './schedule-ticks.js';

/**
 * What a scheduler reports.
 *
 * @example
 * ```ts
 * const onEvent = (e: SchedulerEvent) => e.type === 'tick' && console.log(e.pipeline, e.logicalTime, e.created);
 * ```
 */
export type SchedulerEvent =
  | {
      type: 'started';
      pipeline: string;
      schedule: string;
      timezone: string;
      next: Date | undefined;
      caughtUp: Date[];
    }
  | { type: 'tick'; pipeline: string; logicalTime: Date; created: boolean }
  | { type: 'run_ended'; pipeline: string; result: RunResult }
  | { type: 'run_error'; pipeline: string; runId: string; error: unknown }
  | { type: 'stopping'; running: number };

/**
 * What {@link runScheduler} needs: the scheduled pipelines, the environment and its run store,
 * and how to run a queued run (the CLI adds endpoints, the drift preflight and progress).
 *
 * @example
 * ```ts
 * await runScheduler({ pipelines, environment: 'prod', store, signal, runOptions: (p) => ({ endpoints: endpointsOf(p) }) });
 * ```
 */
export interface SchedulerOptions {
  pipelines: readonly CompiledPipeline[];
  environment: string;
  store: Connection;
  runOptions: (
    pipeline: CompiledPipeline,
  ) => Omit<RunPipelineOptions, 'pipeline' | 'environment' | 'store' | 'runId'>;
  /** Stops the scheduler: no more ticks or runs; the runs in flight finish their running tasks. */
  signal: AbortSignal;
  /** How often to look for queued runs left by others (default 10 s). */
  pollMs?: number;
  now?: () => Date;
  onEvent?: (event: SchedulerEvent) => void;
}

/**
 * A long-running scheduler: each tick of each pipeline becomes a queued run keyed by (pipeline,
 * environment, logical time) — unique in the run store, so several schedulers fire each tick
 * once — and queued runs are started within `maxActiveRuns`. On start, missed ticks since the
 * last scheduled run are caught up as the pipeline's `catchup` says. Resolves after `signal`
 * aborted and the runs in flight have drained.
 *
 * @example
 * ```ts
 * const stop = new AbortController();
 * process.once('SIGTERM', () => stop.abort());
 * await runScheduler({ pipelines, environment: 'prod', store, signal: stop.signal, runOptions });
 * ```
 */
export async function runScheduler(options: SchedulerOptions): Promise<void> {
  const storeSchema = DEFAULT_STORE_SCHEMA;
  const now = options.now ?? (() => new Date());
  const running = new Set<Promise<void>>();
  const freed = new Set<string>();
  const active = new Map<string, number>();
  let wake: () => void = () => {};
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(ms, 2 ** 31 - 1));
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  options.signal.addEventListener('abort', () => wake(), { once: true });
  const plans = options.pipelines.map((pipeline) => ({
    pipeline,
    schedule: new Schedule(pipeline.config.schedule ?? '', pipeline.config.timezone),
    key: { warehouse: pipeline.warehouse, pipeline: pipeline.name, environment: options.environment },
    last: now(),
  }));
  for (const plan of plans) {
    const caughtUp = await catchUpMissed(options, plan, storeSchema);
    options.onEvent?.({
      type: 'started',
      pipeline: plan.pipeline.name,
      schedule: plan.schedule.pattern,
      timezone: plan.schedule.timezone,
      next: plan.schedule.next(plan.last),
      caughtUp,
    });
  }
  const dispatch = async (plan: (typeof plans)[number]) => {
    const queued = await listRuns(
      options.store,
      { ...plan.key, states: ['queued'], order: 'logical-time-asc', limit: 100 },
      storeSchema,
    );
    for (const { run } of queued) {
      if ((active.get(plan.pipeline.name) ?? 0) >= plan.pipeline.maxActiveRuns || options.signal.aborted)
        return;
      active.set(plan.pipeline.name, (active.get(plan.pipeline.name) ?? 0) + 1);
      const started = runPipeline({
        ...options.runOptions(plan.pipeline),
        pipeline: plan.pipeline,
        environment: options.environment,
        store: options.store,
        runId: run.id,
        drain: options.signal,
      })
        .then(
          (result) => options.onEvent?.({ type: 'run_ended', pipeline: plan.pipeline.name, result }),
          (error: unknown) => {
            if (!(error instanceof DatakitError && error.code === 'RUN'))
              options.onEvent?.({ type: 'run_error', pipeline: plan.pipeline.name, runId: run.id, error });
          },
        )
        .finally(() => {
          active.set(plan.pipeline.name, (active.get(plan.pipeline.name) ?? 1) - 1);
          running.delete(started);
          freed.add(plan.pipeline.name);
          wake();
        });
      running.add(started);
    }
  };
  let lastPoll = 0;
  const pollMs = options.pollMs ?? 10_000;
  while (!options.signal.aborted) {
    const at = now();
    for (const plan of plans) {
      const due = plan.schedule.between(plan.last, at);
      if (due.length > 0) plan.last = due.at(-1) as Date;
      for (const tick of due) {
        const created = await queueRuns(
          options.store,
          plan.key,
          [tick],
          'schedule',
          plan.pipeline.hash,
          plan.pipeline.datakits,
          storeSchema,
        );
        options.onEvent?.({
          type: 'tick',
          pipeline: plan.pipeline.name,
          logicalTime: tick,
          created: created.length > 0,
        });
      }
      if (due.length > 0 || freed.delete(plan.pipeline.name) || at.getTime() - lastPoll >= pollMs)
        await dispatch(plan);
    }
    if (at.getTime() - lastPoll >= pollMs) lastPoll = at.getTime();
    const next = Math.min(
      ...plans.map((p) => p.schedule.next(p.last)?.getTime() ?? Number.POSITIVE_INFINITY),
      lastPoll + pollMs,
    );
    await sleep(Math.max(0, next - now().getTime()));
  }
  options.onEvent?.({ type: 'stopping', running: running.size });
  await Promise.allSettled([...running]);
}

async function catchUpMissed(
  options: SchedulerOptions,
  plan: { pipeline: CompiledPipeline; schedule: Schedule; key: RunKey; last: Date },
  storeSchema: StoreSchema,
): Promise<Date[]> {
  const [latest] = await listRuns(
    options.store,
    { ...plan.key, limit: 1, triggers: ['schedule', 'backfill'], order: 'logical-time-desc' },
    storeSchema,
  );
  if (!latest) return [];
  const missed = plan.schedule.between(latest.run.logicalTime, plan.last);
  const ticks = catchUp(plan.pipeline.catchup, missed);
  await queueRuns(
    options.store,
    plan.key,
    ticks,
    'schedule',
    plan.pipeline.hash,
    plan.pipeline.datakits,
    storeSchema,
  );
  return ticks;
}
