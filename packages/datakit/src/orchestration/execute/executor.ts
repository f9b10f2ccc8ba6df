import type { TaskKind } from '../../config/pipeline-config.js';
import type { TaskRows } from '../../config/task-context.js';
import type { ResolvedPolicy } from '../dag/compiled-pipeline.js';

/**
 * A task whose upstream tasks all succeeded, handed to an executor. Plain data, so that an
 * executor can put it on a queue for a worker elsewhere; the DAG state stays in the run store.
 *
 * @example
 * ```ts
 * const ready: ReadyTask = { runId: '42', taskRunId: '310', task: 'customer', kind: 'transfer', logicalTime, policy, ... };
 * ```
 */
export interface ReadyTask {
  runId: string;
  taskRunId: string;
  warehouse: string;
  pipeline: string;
  environment: string;
  task: string;
  kind: TaskKind;
  logicalTime: Date;
  policy: ResolvedPolicy;
}

/**
 * How one attempt ended. `up_for_retry` carries when to try again; `lost` means another worker
 * owns the task run (or its lease expired and it was marked abandoned).
 *
 * @example
 * ```ts
 * if (outcome.state === 'up_for_retry') setTimeout(retry, outcome.retryAt.getTime() - Date.now());
 * ```
 */
export type AttemptOutcome =
  | { state: 'succeeded'; attempt: number; rows?: TaskRows; loadId?: string }
  | { state: 'up_for_retry'; attempt: number; error: string; errorCode: string; retryAt: Date }
  | { state: 'failed' | 'cancelled'; attempt: number; error: string; errorCode: string }
  | { state: 'lost'; attempt: number; error: string };

/**
 * Runs attempts of ready tasks. The in-process executor runs them in this process; a distributed
 * one hands them to workers. Either way the executor claims the task run (a lease it renews),
 * enforces the task's timeout, aborts on `signal`, records the attempt in the run store, and
 * resolves with the outcome (it never rejects for a task's own failure). Every implementation
 * must pass `executorConformance` (test/orchestration/executor-conformance.ts).
 *
 * @example
 * ```ts
 * const executor: Executor = new InProcessExecutor(runtime);
 * const outcome = await executor.execute(ready, runAbort.signal);
 * await executor.close();
 * ```
 */
export interface Executor {
  readonly name: string;
  execute(task: ReadyTask, signal: AbortSignal): Promise<AttemptOutcome>;
  close(): Promise<void>;
}
