import type { Connection } from '../../dialect/connection.js';
import { markNotRun } from '../../store/runs/mark-not-run.js';
import type { RunRecord } from '../../store/runs/run-record.js';
import type { StoreSchema } from '../../store/store-schema.js';
import type { CompiledPipeline, CompiledTask } from '../dag/compiled-pipeline.js';
import { DagState } from '../dag/dag-state.js';
import type { AttemptOutcome, Executor, ReadyTask } from './executor.js';
import type { RunProgressEvent } from './run-events.js';

/** What {@link driveRun} needs besides the DAG. */
export interface DriveOptions {
  store: Connection;
  storeSchema: StoreSchema;
  run: RunRecord;
  pipeline: CompiledPipeline;
  executor: Executor;
  /** task name → its task run id. */
  taskRunIds: ReadonlyMap<string, string>;
  succeeded: ReadonlySet<string>;
  /** Abort running attempts and start no more. */
  cancel: AbortSignal;
  /** Start no more tasks; let running attempts end. */
  drain: AbortSignal;
  onEvent?: (event: RunProgressEvent) => void;
}

/** How a drive ended; `requeue` when drained before anything failed, with tasks left to run. */
export interface DriveOutcome {
  allSucceeded: boolean;
  stopped: 'cancel' | 'drain' | undefined;
  requeue: boolean;
}

/**
 * Runs a run's DAG to its end: hands ready tasks to the executor within the limits, waits for
 * retries, marks tasks downstream of a failure `upstream_failed` (with the reason: the checks in
 * error, when a quality task failed) and, when cancelled (or drained
 * after a failure), the tasks that did not start `cancelled`.
 *
 * @example
 * ```ts
 * const ok = await driveRun({ store, storeSchema, run, pipeline, executor, taskRunIds, succeeded, cancel, drain });
 * ```
 * @internal
 */
export async function driveRun(options: DriveOptions): Promise<DriveOutcome> {
  const { pipeline, run, store } = options;
  const dag = new DagState(pipeline.tasks, options.succeeded, {
    total: pipeline.concurrency,
    byKind: pipeline.kindConcurrency,
  });
  const timers = new Set<NodeJS.Timeout>();
  const writes: Promise<void>[] = [];
  let wake: () => void = () => {};
  const stopped = () => options.cancel.aborted || options.drain.aborted;
  let requeue = false;
  const poke = () => wake();
  options.cancel.addEventListener('abort', poke);
  options.drain.addEventListener('abort', poke);
  const notRun = (tasks: string[], state: 'upstream_failed' | 'cancelled', reason: string) => {
    if (tasks.length === 0) return;
    options.onEvent?.({ type: 'tasks_not_run', tasks, state, reason });
    writes.push(markNotRun(store, run.id, tasks, state, reason, options.storeSchema));
  };
  const ended = (task: CompiledTask, outcome: AttemptOutcome, startedAt: number) => {
    options.onEvent?.({ type: 'task_ended', task: task.name, outcome, durationMs: Date.now() - startedAt });
    if (outcome.state === 'succeeded') dag.succeeded(task);
    else if (outcome.state === 'up_for_retry') {
      dag.retrying(task);
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          dag.retryNow(task);
          wake();
        },
        Math.max(0, outcome.retryAt.getTime() - Date.now()),
      );
      timers.add(timer);
    } else notRun(dag.failed(task), 'upstream_failed', blockedBy(task, outcome));
    wake();
  };
  try {
    for (;;) {
      if (!stopped()) {
        for (const task of dag.takeReady()) {
          const startedAt = Date.now();
          options.executor.execute(readyTask(run, task, options.taskRunIds), options.cancel).then(
            (outcome) => ended(task, outcome, startedAt),
            (error: unknown) =>
              ended(
                task,
                { state: 'failed', attempt: 0, error: String(error), errorCode: 'EXECUTOR' },
                startedAt,
              ),
          );
        }
      } else if (dag.running === 0 || options.cancel.aborted) {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        // Drained with nothing failed: the unstarted tasks stay pending, for the run to be requeued.
        requeue = !options.cancel.aborted && !dag.anyFailed;
        const unstarted = dag.abandonUnstarted();
        if (!requeue)
          notRun(
            unstarted,
            'cancelled',
            options.cancel.aborted ? 'the run was cancelled' : 'the runner stopped',
          );
      }
      if (dag.done) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    const stop = options.cancel.aborted ? 'cancel' : options.drain.aborted ? 'drain' : undefined;
    return { allSucceeded: dag.allSucceeded, stopped: stop, requeue: requeue && !dag.allSucceeded };
  } finally {
    options.cancel.removeEventListener('abort', poke);
    options.drain.removeEventListener('abort', poke);
    await Promise.all(writes);
  }
}

function blockedBy(task: CompiledTask, outcome: AttemptOutcome): string {
  if (task.kind === 'quality' && outcome.state === 'failed')
    return `blocked by quality task "${task.name}": ${outcome.error.split('\n')[0]}`;
  return `"${task.name}" ${outcome.state === 'lost' ? 'was lost' : outcome.state}`;
}

function readyTask(run: RunRecord, task: CompiledTask, ids: ReadonlyMap<string, string>): ReadyTask {
  return {
    runId: run.id,
    taskRunId: ids.get(task.name) ?? '',
    warehouse: run.warehouse,
    pipeline: run.pipeline,
    environment: run.environment,
    task: task.name,
    kind: task.kind,
    logicalTime: run.logicalTime,
    policy: task.policy,
  };
}
