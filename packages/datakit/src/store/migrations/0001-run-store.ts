import type { StoreSchema } from '../store-schema.js';

/**
 * Migration 1: the run store of the transfer engine. `loads` (one row per load, with a lease the
 * running process renews, so a killed load can be told apart from a running one), `rejects`
 * (every rejected row with its reason) and `cursors` (the incremental cursor of each transfer).
 * Loads and cursors are keyed by warehouse, environment and transfer, so two warehouses (or
 * environments) in one database never share a cursor.
 *
 * @example
 * ```ts
 * import { sql } from './migrations/0001-run-store.js';
 * const script = sql(DEFAULT_STORE_SCHEMA); // its SQL for the schema datakit
 * ```
 */
export const sql = (s: StoreSchema): string => `
create table ${s.loads} (
  "load_id" uuid primary key,
  "warehouse" text not null,
  "environment" text not null,
  "transfer" text not null,
  "source_system" text not null,
  "source_table" text not null,
  "target_table" text not null,
  "disposition" text not null,
  "status" text not null check ("status" in ('running', 'succeeded', 'failed', 'abandoned')),
  "started_at" timestamptz not null,
  "heartbeat_at" timestamptz not null,
  "lease_expires_at" timestamptz not null,
  "finished_at" timestamptz,
  "logical_time" timestamptz,
  "rows_read" bigint,
  "rows_loaded" bigint,
  "rows_rejected" bigint,
  "rows_dropped" bigint,
  "rows_inserted" bigint,
  "rows_updated" bigint,
  "rows_unchanged" bigint,
  "rows_closed" bigint,
  "cursor_column" text,
  "cursor_from" text,
  "cursor_to" text,
  "datakit" text,
  "datakit_version" text,
  "error" text
);
create index "loads_transfer" on ${s.loads} ("warehouse", "environment", "transfer", "started_at");
create index "loads_running" on ${s.loads} ("lease_expires_at") where "status" = 'running';

create table ${s.rejects} (
  "id" bigserial primary key,
  "load_id" uuid not null,
  "source_table" text not null,
  "target_table" text not null,
  "row_number" bigint,
  "stage" text not null,
  "column" text,
  "rule" text not null,
  "message" text not null,
  "hint" text,
  "row" jsonb,
  "datakit" text,
  "datakit_version" text,
  "at" timestamptz not null default now()
);
create index "rejects_load_id" on ${s.rejects} ("load_id");

create table ${s.cursors} (
  "warehouse" text not null,
  "environment" text not null,
  "transfer" text not null,
  "source_system" text not null,
  "source_table" text not null,
  "target_table" text not null,
  "cursor_column" text not null,
  "value" text,
  "load_id" uuid,
  "updated_at" timestamptz not null,
  primary key ("warehouse", "environment", "transfer")
);
`;
