import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';
import type { RunState } from './run-record.js';

/**
 * Ends a run the caller holds: its final state, the lease released, and a `run_<state>` event;
 * `queued` hands an unfinished run back for another runner (a scheduler stopping).
 *
 * @example
 * ```ts
 * await finishRun(warehouse, run.id, 'host:123', 'failed', '1 task failed: order', store);
 * ```
 */
export async function finishRun(
  conn: Connection,
  runId: string,
  owner: string,
  state: Extract<RunState, 'succeeded' | 'failed' | 'cancelled' | 'queued'>,
  error: string | undefined,
  store: StoreSchema,
): Promise<void> {
  await conn.query(
    `with done as (
       update ${store.runs} set "state" = $3, "ended_at" = case when $3 = 'queued' then null else clock_timestamp() end, "owner" = null, "lease_expires_at" = null, "error" = $4
       where "id" = $1 and "owner" = $2 returning "id"
     )
     insert into ${store.events} ("run_id", "kind", "level", "message")
     select "id", 'run_' || $3, case when $3 in ('succeeded', 'queued') then 'info' else 'error' end,
       coalesce($4, case when $3 = 'queued' then 'run queued again: its runner stopped before its tasks' else 'run ' || $3 end) from done`,
    [runId, owner, state, error ?? null],
  );
}
