import type { StoreSchema } from '../store-schema.js';

/**
 * Migration 5: runs of `datakit transfer`. The transfers it runs are a pipeline run of their own,
 * with trigger `transfer`; like a manual run it stands for the moment it started, so it is not
 * one of the (pipeline, logical time) ticks that must be unique.
 *
 * @example
 * ```ts
 * import { sql } from './migrations/0005-transfer-runs.js';
 * const script = sql(DEFAULT_STORE_SCHEMA); // its SQL for the schema datakit
 * ```
 */
export const sql = (s: StoreSchema): string => `
alter table ${s.runs} drop constraint "runs_trigger_check";
alter table ${s.runs} add constraint "runs_trigger_check"
  check ("trigger" in ('manual', 'schedule', 'backfill', 'transfer'));
drop index ${s.schema}."runs_tick";
create unique index "runs_tick" on ${s.runs} ("warehouse", "pipeline", "environment", "logical_time")
  where "trigger" in ('schedule', 'backfill');
`;
