import type { TaskContext, TaskLogger, TaskResult } from '../../config/task-context.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { claimTask } from '../../store/runs/claim-task.js';
import { type AttemptRecord, finishAttempt } from '../../store/runs/finish-attempt.js';
import { recordEvent } from '../../store/runs/record-event.js';
import { taskKind } from '../tasks/task-kinds.js';
import { AttemptConnections } from './attempt-connections.js';
import type { AttemptOutcome, ReadyTask } from './executor.js';
import { retryDelay } from './retry-delay.js';
import type { TaskRuntime } from './task-runtime.js';

class AttemptAborted extends Error {
  constructor(
    message: string,
    readonly code: 'TIMEOUT' | 'CANCELLED',
  ) {
    super(message);
  }
}

/**
 * One attempt of a ready task, as every executor's worker runs it: claim the task run (a lease),
 * run the task kind with its own connections, a logger and an AbortSignal that fires on timeout
 * or on `signal` (its statements are then cancelled), and record how it ended — `up_for_retry`
 * with a backoff delay when attempts are left.
 *
 * @example
 * ```ts
 * const outcome = await runAttempt(runtime, ready, runAbort.signal);
 * ```
 */
export async function runAttempt(
  runtime: TaskRuntime,
  ready: ReadyTask,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  const claim = await claimTask(
    runtime.store,
    ready.taskRunId,
    runtime.owner,
    runtime.leaseMs,
    runtime.storeSchema,
  );
  if (!claim) return { state: 'lost', attempt: 0, error: 'another worker claimed this task run' };
  const { attempt } = claim;
  runtime.onEvent?.({ type: 'task_started', task: ready.task, attempt, at: new Date() });
  const pipeline = runtime.pipelineOf(ready);
  const compiled = pipeline.byName.get(ready.task);
  const controller = new AbortController();
  const abort = (reason: AttemptAborted) => controller.abort(reason);
  const onCancel = () => abort(new AttemptAborted(`cancelled during attempt ${attempt}`, 'CANCELLED'));
  if (signal.aborted) onCancel();
  signal.addEventListener('abort', onCancel, { once: true });
  const timeoutMs = ready.policy.timeoutMs;
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => abort(new AttemptAborted(`timed out after ${timeoutMs} ms`, 'TIMEOUT')), timeoutMs);
  const connections = new AttemptConnections(
    runtime.endpoints,
    controller.signal,
    `dk-${ready.taskRunId}-${attempt}`,
  );
  const logs: Promise<void>[] = [];
  const ctx: TaskContext = {
    connections: connections.connections,
    signal: controller.signal,
    logger: logger(runtime, ready, attempt, logs),
    logicalTime: ready.logicalTime,
    task: ready.task,
    run: {
      id: ready.runId,
      warehouse: ready.warehouse,
      pipeline: ready.pipeline,
      environment: ready.environment,
      attempt,
    },
  };
  let record: AttemptRecord;
  try {
    if (!compiled)
      throw new DatakitError('CONFIG', `Pipeline "${pipeline.name}" has no task "${ready.task}" any more`);
    const result = await untilAborted(
      taskKind(compiled.kind).run(compiled.config, ctx, {
        ...pipeline.scope,
        store: runtime.store,
        storeSchema: runtime.storeSchema,
        ...(runtime.transfers ? { transfers: runtime.transfers } : {}),
      }),
      controller.signal,
      connections,
      runtime.abortGraceMs ?? 5000,
    );
    record = {
      state: 'succeeded',
      ...(result?.rows ? { rows: result.rows } : {}),
      ...(result?.loadId ? { loadId: result.loadId } : {}),
    };
  } catch (error) {
    const reason = controller.signal.aborted ? (controller.signal.reason as AttemptAborted) : undefined;
    const message = reason?.message ?? describe(error);
    const errorCode = reason?.code ?? codeOf(error);
    if (reason?.code === 'CANCELLED') record = { state: 'cancelled', error: message, errorCode };
    else if (attempt < claim.maxAttempts) {
      const retryAt = new Date(Date.now() + retryDelay(ready.policy, attempt));
      record = { state: 'up_for_retry', error: message, errorCode, retryAt };
    } else record = { state: 'failed', error: message, errorCode };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onCancel);
    await connections.close(runtime.abortGraceMs ?? 5000);
  }
  await Promise.allSettled(logs);
  const kept = await finishAttempt(
    runtime.store,
    ready.taskRunId,
    runtime.owner,
    record,
    runtime.storeSchema,
  );
  if (!kept)
    return {
      state: 'lost',
      attempt,
      error: 'the lease expired before the attempt ended; the task run was marked abandoned',
    };
  return outcomeOf(record, attempt);
}

async function untilAborted(
  work: Promise<TaskResult | undefined>,
  signal: AbortSignal,
  connections: AttemptConnections,
  graceMs: number,
): Promise<TaskResult | undefined> {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      // Cancel the running statements, give the task a moment to roll back, then give up on it.
      const cancelling = connections.cancel(graceMs);
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      const grace = new Promise((resolve) => setTimeout(resolve, graceMs));
      void Promise.race([Promise.all([cancelling, settled]), grace]).then(() => reject(signal.reason));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const result = await Promise.race([work, aborted]);
    if (signal.aborted) throw signal.reason;
    return result ?? undefined;
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    aborted.catch(() => {});
  }
}

function logger(
  runtime: TaskRuntime,
  ready: ReadyTask,
  attempt: number,
  pending: Promise<void>[],
): TaskLogger {
  const log = (level: 'info' | 'warn' | 'error') => (message: string, data?: Record<string, unknown>) => {
    runtime.onEvent?.({ type: 'log', task: ready.task, attempt, level, message });
    const event = {
      runId: ready.runId,
      task: ready.task,
      attempt,
      kind: 'log',
      level,
      message,
      ...(data ? { data } : {}),
    };
    pending.push(recordEvent(runtime.store, event, runtime.storeSchema).catch(() => {}));
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

function describe(error: unknown): string {
  if (error instanceof DatakitError) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

function codeOf(error: unknown): string {
  if (error instanceof DatakitError) return error.context.driverCode ?? error.code;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'ERROR';
}

function outcomeOf(record: AttemptRecord, attempt: number): AttemptOutcome {
  switch (record.state) {
    case 'succeeded':
      return {
        state: 'succeeded',
        attempt,
        ...(record.rows ? { rows: record.rows } : {}),
        ...(record.loadId ? { loadId: record.loadId } : {}),
      };
    case 'up_for_retry':
      return {
        state: 'up_for_retry',
        attempt,
        error: record.error ?? '',
        errorCode: record.errorCode ?? 'ERROR',
        retryAt: record.retryAt ?? new Date(),
      };
    default:
      return {
        state: record.state,
        attempt,
        error: record.error ?? '',
        errorCode: record.errorCode ?? 'ERROR',
      };
  }
}
