import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * Claims a pending task run for one attempt: `running`, leased to `owner` for `leaseMs`, with a
 * `task_started` event. Returns the attempt number, or undefined when another worker has it.
 *
 * @example
 * ```ts
 * const attempt = await claimTask(warehouse, taskRunId, 'host:123', 30_000, store);
 * ```
 */
export async function claimTask(
  conn: Connection,
  taskRunId: string,
  owner: string,
  leaseMs: number,
  store: StoreSchema,
): Promise<{ attempt: number; maxAttempts: number } | undefined> {
  const { rows } = await conn.query<{ attempt: number; max_attempts: number }>(
    `with claimed as (
       update ${store.taskRuns} set "state" = 'running', "attempt" = "attempt" + 1, "owner" = $2,
         "lease_expires_at" = clock_timestamp() + $3 * interval '1 millisecond', "started_at" = clock_timestamp(), "ended_at" = null,
         "next_attempt_at" = null
       where "id" = $1 and "state" in ('pending', 'up_for_retry')
       returning "run_id", "task", "attempt", "max_attempts"
     ), logged as (
       insert into ${store.events} ("run_id", "task", "attempt", "kind", "message")
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
