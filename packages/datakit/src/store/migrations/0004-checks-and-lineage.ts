import type { StoreSchema } from '../store-schema.js';

/**
 * Migration 4: check runs and column lineage. `check_runs` are the runs of `datakit check` (the
 * checks of a warehouse's pipelines outside a pipeline run); a quality result belongs to exactly
 * one pipeline run or one check run. `column_lineage` holds, per task of a run, where each target
 * column of a SQL transform comes from (`select`) and which columns filter or join its rows
 * (`filter`), taken from the transform's typed select map; schemas are the ones the run used.
 *
 * @example
 * ```ts
 * import { sql } from './migrations/0004-checks-and-lineage.js';
 * const script = sql(DEFAULT_STORE_SCHEMA); // its SQL for the schema datakit
 * ```
 */
export const sql = (s: StoreSchema): string => `
create table ${s.checkRuns} (
  "id" bigint generated always as identity primary key,
  "warehouse" text not null,
  "environment" text not null,
  "pipelines" jsonb not null,
  "owner" text,
  "verdict" text check ("verdict" in ('pass', 'warn', 'error')),
  "started_at" timestamptz not null default now(),
  "ended_at" timestamptz
);
create index "check_runs_warehouse" on ${s.checkRuns} ("warehouse", "environment", "id");
alter table ${s.qualityResults} alter column "run_id" drop not null;
alter table ${s.qualityResults}
  add column "check_run_id" bigint references ${s.checkRuns} ("id") on delete cascade,
  add column "pipeline" text,
  add constraint "quality_results_one_run" check (num_nonnulls("run_id", "check_run_id") = 1);
create index "quality_results_check_run" on ${s.qualityResults} ("check_run_id")
  where "check_run_id" is not null;
create table ${s.columnLineage} (
  "id" bigint generated always as identity primary key,
  "run_id" bigint not null references ${s.runs} ("id") on delete cascade,
  "task" text not null,
  "role" text not null check ("role" in ('select', 'filter')),
  "target_layer" text,
  "target_schema" text,
  "target_table" text not null,
  "target_column" text,
  "source_layer" text,
  "source_schema" text,
  "source_table" text,
  "source_column" text
);
create index "column_lineage_run" on ${s.columnLineage} ("run_id", "task");
create index "column_lineage_source" on ${s.columnLineage} ("source_schema", "source_table", "source_column");
`;
