import type { TaskRows } from '../../config/task-context.js';
import type { Connection } from '../../dialect/connection.js';
import type { TaskState } from './run-record.js';

/**
 * Claims a pending task run for one attempt: `running`, leased to `owner` for `leaseMs`, with a
 * `task_started` event. Returns the attempt number, or undefined when another worker has it.
 *
 * @example
 * ```ts
 * const attempt = await claimTask(store, taskRunId, 'host:123', 30_000);
 * ```
 */
export async function claimTask(
  conn: Connection,
  taskRunId: string,
  owner: string,
  leaseMs: number,
): Promise<{ attempt: number; maxAttempts: number } | undefined> {
  const { rows } = await conn.query<{ attempt: number; max_attempts: number }>(
    `with claimed as (
       update "datakit"."task_runs" set "state" = 'running', "attempt" = "attempt" + 1, "owner" = $2,
         "lease_expires_at" = clock_timestamp() + $3 * interval '1 millisecond', "started_at" = clock_timestamp(), "ended_at" = null,
         "next_attempt_at" = null
       where "id" = $1 and "state" in ('pending', 'up_for_retry')
       returning "run_id", "task", "attempt", "max_attempts"
     ), logged as (
       insert into "datakit"."events" ("run_id", "task", "attempt", "kind", "message")
       select "run_id", "task", "attempt", 'task_started', 'attempt ' || "attempt" || ' started on ' || $2 from claimed
     ), relaxed as (
       -- A claim need not wait for its own WAL flush: any later durable commit (the task's
       -- work, its end) flushes it too, and a claim lost in a server crash leaves the task pending.
       select set_config('synchronous_commit', 'off', true) as setting
     )
     select "attempt", "max_attempts" from claimed, relaxed`,
    [taskRunId, owner, leaseMs],
  );
  const row = rows[0];
  return row ? { attempt: Number(row.attempt), maxAttempts: Number(row.max_attempts) } : undefined;
}

/**
 * How an attempt ended, as recorded: `up_for_retry` with `retryAt` when attempts are left.
 *
 * @example
 * ```ts
 * const outcome: AttemptRecord = { state: 'failed', error: 'timed out after 500 ms', errorCode: 'TIMEOUT' };
 * ```
 */
export interface AttemptRecord {
  state: Extract<TaskState, 'succeeded' | 'failed' | 'up_for_retry' | 'cancelled'>;
  error?: string;
  errorCode?: string;
  rows?: TaskRows;
  loadId?: string;
  retryAt?: Date;
}

/**
 * Records the end of the attempt `owner` holds, with an event. Returns false when the claim was
 * lost meanwhile (its lease expired and the task was marked abandoned).
 *
 * @example
 * ```ts
 * await finishAttempt(store, taskRunId, 'host:123', { state: 'succeeded', rows });
 * ```
 */
export async function finishAttempt(
  conn: Connection,
  taskRunId: string,
  owner: string,
  outcome: AttemptRecord,
): Promise<boolean> {
  const message =
    outcome.state === 'succeeded'
      ? 'succeeded'
      : outcome.state === 'up_for_retry'
        ? `failed, retry at ${outcome.retryAt?.toISOString()}: ${outcome.error ?? ''}`
        : `${outcome.state}: ${outcome.error ?? ''}`;
  const r = outcome.rows;
  const { rows } = await conn.query(
    `with done as (
       update "datakit"."task_runs" set "state" = $3, "ended_at" = clock_timestamp(), "owner" = null, "lease_expires_at" = null,
         "error" = $4, "error_code" = $5, "rows_read" = $6, "rows_loaded" = $7, "rows_rejected" = $8, "rows_dropped" = $9,
         "load_id" = coalesce($10, "load_id"), "next_attempt_at" = $11
       where "id" = $1 and "state" = 'running' and "owner" = $2
       returning "run_id", "task", "attempt"
     ), logged as (
       insert into "datakit"."events" ("run_id", "task", "attempt", "kind", "level", "message", "data")
       select "run_id", "task", "attempt", $12, $13, $14, $15 from done
     )
     select 1 from done`,
    [
      taskRunId,
      owner,
      outcome.state,
      outcome.error ?? null,
      outcome.errorCode ?? null,
      r?.read ?? null,
      r?.loaded ?? null,
      r?.rejected ?? null,
      r?.dropped ?? null,
      outcome.loadId ?? null,
      outcome.retryAt?.toISOString() ?? null,
      outcome.state === 'up_for_retry' ? 'task_retry' : `task_${outcome.state}`,
      outcome.state === 'succeeded' ? 'info' : outcome.state === 'up_for_retry' ? 'warn' : 'error',
      message,
      r ? JSON.stringify(r) : null,
    ],
  );
  return rows.length > 0;
}

/**
 * Marks tasks that will not run in this run (`upstream_failed` or `cancelled`), with one event.
 *
 * @example
 * ```ts
 * await markNotRun(store, runId, ['report'], 'upstream_failed', 'order failed');
 * ```
 */
export async function markNotRun(
  conn: Connection,
  runId: string,
  tasks: readonly string[],
  state: 'upstream_failed' | 'cancelled',
  reason: string,
): Promise<void> {
  if (tasks.length === 0) return;
  await conn.query(
    `with marked as (
       update "datakit"."task_runs" set "state" = $3, "error" = $4, "next_attempt_at" = null
       where "run_id" = $1 and "task" = any($2::text[]) and "state" in ('pending', 'up_for_retry')
       returning "task"
     )
     insert into "datakit"."events" ("run_id", "kind", "level", "message", "data")
     select $1, 'tasks_' || $3, 'warn', count(*) || ' task(s) ' || $3 || ': ' || $4, jsonb_build_object('tasks', jsonb_agg("task"))
     from marked having count(*) > 0`,
    [runId, tasks, state, reason],
  );
}
