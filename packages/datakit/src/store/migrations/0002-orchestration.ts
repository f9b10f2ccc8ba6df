import type { StoreSchema } from '../store-schema.js';

/**
 * Migration 2: the orchestration run store. `runs` are pipeline runs (one per schedule tick or
 * backfill date: unique on warehouse, pipeline, environment and logical time unless manual);
 * `task_runs` hold each task's state, attempts, lease and counts; `events` is the log.
 * A `running` row whose lease expired belongs to a process that died: it becomes `abandoned`.
 *
 * @example
 * ```ts
 * import { sql } from './migrations/0002-orchestration.js';
 * const script = sql(DEFAULT_STORE_SCHEMA); // its SQL for the schema datakit
 * ```
 */
export const sql = (s: StoreSchema): string => `
create table ${s.runs} (
  "id" bigint generated always as identity primary key,
  "warehouse" text not null,
  "pipeline" text not null,
  "environment" text not null,
  "logical_time" timestamptz not null,
  "trigger" text not null check ("trigger" in ('manual', 'schedule', 'backfill')),
  "state" text not null check ("state" in ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'abandoned')),
  "definition_hash" text not null,
  "datakits" jsonb not null,
  "owner" text,
  "lease_expires_at" timestamptz,
  "created_at" timestamptz not null default now(),
  "started_at" timestamptz,
  "ended_at" timestamptz,
  "error" text
);
create unique index "runs_tick" on ${s.runs} ("warehouse", "pipeline", "environment", "logical_time")
  where "trigger" <> 'manual';
create index "runs_pipeline" on ${s.runs} ("warehouse", "pipeline", "environment", "state");
create table ${s.taskRuns} (
  "id" bigint generated always as identity primary key,
  "run_id" bigint not null references ${s.runs} ("id") on delete cascade,
  "task" text not null,
  "kind" text not null,
  "state" text not null check ("state" in
    ('pending', 'running', 'up_for_retry', 'succeeded', 'failed', 'upstream_failed', 'cancelled', 'abandoned')),
  "attempt" integer not null default 0,
  "max_attempts" integer not null,
  "next_attempt_at" timestamptz,
  "owner" text,
  "lease_expires_at" timestamptz,
  "started_at" timestamptz,
  "ended_at" timestamptz,
  "error" text,
  "error_code" text,
  "rows_read" bigint,
  "rows_loaded" bigint,
  "rows_rejected" bigint,
  "rows_dropped" bigint,
  "load_id" text,
  unique ("run_id", "task")
);
create index "task_runs_leases" on ${s.taskRuns} ("lease_expires_at") where "state" = 'running';
create table ${s.events} (
  "id" bigint generated always as identity primary key,
  "run_id" bigint not null references ${s.runs} ("id") on delete cascade,
  "task" text,
  "attempt" integer,
  "at" timestamptz not null default clock_timestamp(),
  "kind" text not null,
  "level" text not null default 'info',
  "message" text not null,
  "data" jsonb
);
create index "events_run" on ${s.events} ("run_id", "id");
`;
