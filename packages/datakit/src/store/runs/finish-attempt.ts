import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';
import type { TaskRows, TaskState } from './run-record.js';

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
 * await finishAttempt(warehouse, taskRunId, 'host:123', { state: 'succeeded', rows }, store);
 * ```
 */
export async function finishAttempt(
  conn: Connection,
  taskRunId: string,
  owner: string,
  outcome: AttemptRecord,
  store: StoreSchema,
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
       update ${store.taskRuns} set "state" = $3, "ended_at" = clock_timestamp(), "owner" = null, "lease_expires_at" = null,
         "error" = $4, "error_code" = $5, "rows_read" = $6, "rows_loaded" = $7, "rows_rejected" = $8, "rows_dropped" = $9,
         "load_id" = coalesce($10, "load_id"), "next_attempt_at" = $11
       where "id" = $1 and "state" = 'running' and "owner" = $2
       returning "run_id", "task", "attempt"
     ), logged as (
       insert into ${store.events} ("run_id", "task", "attempt", "kind", "level", "message", "data")
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
