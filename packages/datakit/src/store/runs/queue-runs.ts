import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';
import type { RunKey, RunTrigger } from './run-record.js';

/**
 * Inserts `queued` runs for logical times (schedule ticks or backfill dates) that have no run yet.
 * The unique (warehouse, pipeline, environment, logical time) index makes this safe when several
 * schedulers do it at once: each time gets exactly one run. Returns the ids it created.
 *
 * @example
 * ```ts
 * const created = await queueRuns(warehouse, key, [tick], 'schedule', pipeline.hash, pipeline.datakits, store);
 * ```
 */
export async function queueRuns(
  conn: Connection,
  key: RunKey,
  logicalTimes: readonly Date[],
  trigger: Exclude<RunTrigger, 'manual' | 'transfer'>,
  definitionHash: string,
  datakits: readonly { name: string; version: string }[],
  store: StoreSchema,
): Promise<{ id: string; logicalTime: Date }[]> {
  if (logicalTimes.length === 0) return [];
  const { rows } = await conn.query<{ id: string; logical_time: Date | string }>(
    `insert into ${store.runs} ("warehouse", "pipeline", "environment", "logical_time", "trigger", "state", "definition_hash", "datakits")
     select $1, $2, $3, t, $5, 'queued', $6, $7 from unnest($4::timestamptz[]) as t
     on conflict ("warehouse", "pipeline", "environment", "logical_time") where "trigger" in ('schedule', 'backfill') do nothing
     returning "id", "logical_time"`,
    [
      key.warehouse,
      key.pipeline,
      key.environment,
      logicalTimes.map((t) => t.toISOString()),
      trigger,
      definitionHash,
      JSON.stringify(datakits),
    ],
  );
  return rows.map((r) => ({ id: String(r.id), logicalTime: new Date(r.logical_time) }));
}
