import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * Marks tasks that will not run in this run (`upstream_failed` or `cancelled`), with one event.
 *
 * @example
 * ```ts
 * await markNotRun(warehouse, runId, ['report'], 'upstream_failed', 'order failed', store);
 * ```
 */
export async function markNotRun(
  conn: Connection,
  runId: string,
  tasks: readonly string[],
  state: 'upstream_failed' | 'cancelled',
  reason: string,
  store: StoreSchema,
): Promise<void> {
  if (tasks.length === 0) return;
  await conn.query(
    `with marked as (
       update ${store.taskRuns} set "state" = $3, "error" = $4, "next_attempt_at" = null
       where "run_id" = $1 and "task" = any($2::text[]) and "state" in ('pending', 'up_for_retry')
       returning "task"
     )
     insert into ${store.events} ("run_id", "kind", "level", "message", "data")
     select $1, 'tasks_' || $3, 'warn', count(*) || ' task(s) ' || $3 || ': ' || $4, jsonb_build_object('tasks', jsonb_agg("task"))
     from marked having count(*) > 0`,
    [runId, tasks, state, reason],
  );
}
