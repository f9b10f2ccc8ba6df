import type { Connection } from '../../dialect/connection.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../store-schema.js';
import type { RunKey } from './run-record.js';

/**
 * Marks `running` runs and task runs whose lease expired as `abandoned` (their process died or
 * lost the database), with an event each, so nothing shows `running` forever. A run marked
 * abandoned takes its running task runs with it, even those whose own lease has not run out yet:
 * no live process can end them any more. Limited to one pipeline when `key` is given. Returns how
 * many task runs it marked.
 *
 * @example
 * ```ts
 * await reapExpired(warehouse); // before listing runs
 * ```
 */
export async function reapExpired(
  conn: Connection,
  key?: RunKey,
  store: StoreSchema = DEFAULT_STORE_SCHEMA,
): Promise<number> {
  const params = key ? [key.warehouse, key.pipeline, key.environment] : [];
  const ofKey = key ? `and r."warehouse" = $1 and r."pipeline" = $2 and r."environment" = $3` : '';
  // Runs first: a task's lease is renewed a moment after its run's, so a check of both at one
  // instant can find the run expired and its task not yet.
  await conn.query(
    `with expired as (
       update ${store.runs} r set "state" = 'abandoned', "ended_at" = r."lease_expires_at",
         "error" = 'abandoned: the lease of ' || coalesce(r."owner", '?') || ' expired (its process stopped); resume it with datakit run --resume ' || r."id",
         "owner" = null, "lease_expires_at" = null
       where r."state" = 'running' and r."lease_expires_at" < now() ${ofKey}
       returning r."id", r."error"
     )
     insert into ${store.events} ("run_id", "kind", "level", "message")
     select "id", 'run_abandoned', 'error', "error" from expired`,
    params,
  );
  const { rows } = await conn.query<{ n: number }>(
    `with expired as (
       update ${store.taskRuns} t set "state" = 'abandoned',
         "ended_at" = least(t."lease_expires_at", clock_timestamp()),
         "error" = case when t."lease_expires_at" < now()
           then 'abandoned: the lease of ' || coalesce(t."owner", '?') || ' expired at ' || t."lease_expires_at"::text || ' (its process stopped)'
           else 'abandoned: the lease of its run expired (the process running it stopped)' end,
         "error_code" = 'ABANDONED', "owner" = null, "lease_expires_at" = null
       from ${store.runs} r
       where t."run_id" = r."id" and t."state" = 'running'
         and (t."lease_expires_at" < now() or r."state" = 'abandoned') ${ofKey}
       returning t."run_id", t."task", t."attempt", t."error"
     ), logged as (
       insert into ${store.events} ("run_id", "task", "attempt", "kind", "level", "message")
       select "run_id", "task", "attempt", 'task_abandoned', 'error', "error" from expired
     )
     select count(*)::int as n from expired`,
    params,
  );
  return rows[0]?.n ?? 0;
}
