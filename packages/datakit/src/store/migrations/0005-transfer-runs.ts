/**
 * Migration 5: runs of `datakit transfer`. The transfers it runs are a pipeline run of their own,
 * with trigger `transfer`; like a manual run it stands for the moment it started, so it is not
 * one of the (pipeline, logical time) ticks that must be unique.
 *
 * @example
 * ```ts
 * import { sql } from './0005-transfer-runs.js';
 * ```
 */
export const sql = `
alter table "datakit"."runs" drop constraint "runs_trigger_check";
alter table "datakit"."runs" add constraint "runs_trigger_check"
  check ("trigger" in ('manual', 'schedule', 'backfill', 'transfer'));
drop index "datakit"."runs_tick";
create unique index "runs_tick" on "datakit"."runs" ("warehouse", "pipeline", "environment", "logical_time")
  where "trigger" in ('schedule', 'backfill');
`;
