import type { StoreSchema } from '../store-schema.js';

/**
 * Migration 3: quality check results. One row per check a pipeline's quality task ran, per
 * attempt: its status (`pass`, `warn`, `error`), failing count, sample rows and SQL, so a run
 * shows why it stopped and what only warned.
 *
 * @example
 * ```ts
 * import { sql } from './migrations/0003-quality-results.js';
 * const script = sql(DEFAULT_STORE_SCHEMA); // its SQL for the schema datakit
 * ```
 */
export const sql = (s: StoreSchema): string => `
create table ${s.qualityResults} (
  "id" bigint generated always as identity primary key,
  "run_id" bigint not null references ${s.runs} ("id") on delete cascade,
  "task" text not null,
  "attempt" integer not null,
  "check_name" text not null,
  "kind" text not null,
  "table_name" text not null,
  "column_name" text,
  "severity" text not null check ("severity" in ('error', 'warn')),
  "status" text not null check ("status" in ('pass', 'warn', 'error')),
  "failing" bigint not null,
  "error_if" text not null,
  "warn_if" text not null,
  "samples" jsonb not null,
  "error" text,
  "sql" text not null,
  "ms" integer not null,
  "at" timestamptz not null default now()
);
create index "quality_results_run" on ${s.qualityResults} ("run_id", "task");
`;
