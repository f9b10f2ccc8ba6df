-- The run store's schema (datakit) as its migrations leave a fresh store, from the catalog.
-- Written by `npm run store:dump`; test/store/store-schema.test.ts fails when it is out of date.
-- migration 1 run-store
-- migration 2 orchestration
-- migration 3 quality-results
-- migration 4 checks-and-lineage
-- migration 5 transfer-runs

create table datakit.check_runs (
  id bigint generated always as identity not null,
  warehouse text not null,
  environment text not null,
  pipelines jsonb not null,
  owner text,
  verdict text,
  started_at timestamp with time zone default now() not null,
  ended_at timestamp with time zone
);
alter table datakit.check_runs add constraint check_runs_pkey PRIMARY KEY (id);
alter table datakit.check_runs add constraint check_runs_verdict_check CHECK ((verdict = ANY (ARRAY['pass'::text, 'warn'::text, 'error'::text])));
CREATE INDEX check_runs_warehouse ON datakit.check_runs USING btree (warehouse, environment, id);

create table datakit.column_lineage (
  id bigint generated always as identity not null,
  run_id bigint not null,
  task text not null,
  role text not null,
  target_layer text,
  target_schema text,
  target_table text not null,
  target_column text,
  source_layer text,
  source_schema text,
  source_table text,
  source_column text
);
alter table datakit.column_lineage add constraint column_lineage_pkey PRIMARY KEY (id);
alter table datakit.column_lineage add constraint column_lineage_role_check CHECK ((role = ANY (ARRAY['select'::text, 'filter'::text])));
alter table datakit.column_lineage add constraint column_lineage_run_id_fkey FOREIGN KEY (run_id) REFERENCES datakit.runs(id) ON DELETE CASCADE;
CREATE INDEX column_lineage_run ON datakit.column_lineage USING btree (run_id, task);
CREATE INDEX column_lineage_source ON datakit.column_lineage USING btree (source_schema, source_table, source_column);

create table datakit.cursors (
  warehouse text not null,
  environment text not null,
  transfer text not null,
  source_system text not null,
  source_table text not null,
  target_table text not null,
  cursor_column text not null,
  value text,
  load_id uuid,
  updated_at timestamp with time zone not null
);
alter table datakit.cursors add constraint cursors_pkey PRIMARY KEY (warehouse, environment, transfer);

create table datakit.events (
  id bigint generated always as identity not null,
  run_id bigint not null,
  task text,
  attempt integer,
  at timestamp with time zone default clock_timestamp() not null,
  kind text not null,
  level text default 'info'::text not null,
  message text not null,
  data jsonb
);
alter table datakit.events add constraint events_pkey PRIMARY KEY (id);
alter table datakit.events add constraint events_run_id_fkey FOREIGN KEY (run_id) REFERENCES datakit.runs(id) ON DELETE CASCADE;
CREATE INDEX events_run ON datakit.events USING btree (run_id, id);

create table datakit.loads (
  load_id uuid not null,
  warehouse text not null,
  environment text not null,
  transfer text not null,
  source_system text not null,
  source_table text not null,
  target_table text not null,
  disposition text not null,
  status text not null,
  started_at timestamp with time zone not null,
  heartbeat_at timestamp with time zone not null,
  lease_expires_at timestamp with time zone not null,
  finished_at timestamp with time zone,
  logical_time timestamp with time zone,
  rows_read bigint,
  rows_loaded bigint,
  rows_rejected bigint,
  rows_dropped bigint,
  rows_inserted bigint,
  rows_updated bigint,
  rows_unchanged bigint,
  rows_closed bigint,
  cursor_column text,
  cursor_from text,
  cursor_to text,
  datakit text,
  datakit_version text,
  error text
);
alter table datakit.loads add constraint loads_pkey PRIMARY KEY (load_id);
alter table datakit.loads add constraint loads_status_check CHECK ((status = ANY (ARRAY['running'::text, 'succeeded'::text, 'failed'::text, 'abandoned'::text])));
CREATE INDEX loads_running ON datakit.loads USING btree (lease_expires_at) WHERE (status = 'running'::text);
CREATE INDEX loads_transfer ON datakit.loads USING btree (warehouse, environment, transfer, started_at);

create table datakit.migrations (
  version integer not null,
  name text not null,
  applied_at timestamp with time zone default now() not null
);
alter table datakit.migrations add constraint migrations_pkey PRIMARY KEY (version);

create table datakit.quality_results (
  id bigint generated always as identity not null,
  run_id bigint,
  task text not null,
  attempt integer not null,
  check_name text not null,
  kind text not null,
  table_name text not null,
  column_name text,
  severity text not null,
  status text not null,
  failing bigint not null,
  error_if text not null,
  warn_if text not null,
  samples jsonb not null,
  error text,
  sql text not null,
  ms integer not null,
  at timestamp with time zone default now() not null,
  check_run_id bigint,
  pipeline text
);
alter table datakit.quality_results add constraint quality_results_check_run_id_fkey FOREIGN KEY (check_run_id) REFERENCES datakit.check_runs(id) ON DELETE CASCADE;
alter table datakit.quality_results add constraint quality_results_one_run CHECK ((num_nonnulls(run_id, check_run_id) = 1));
alter table datakit.quality_results add constraint quality_results_pkey PRIMARY KEY (id);
alter table datakit.quality_results add constraint quality_results_run_id_fkey FOREIGN KEY (run_id) REFERENCES datakit.runs(id) ON DELETE CASCADE;
alter table datakit.quality_results add constraint quality_results_severity_check CHECK ((severity = ANY (ARRAY['error'::text, 'warn'::text])));
alter table datakit.quality_results add constraint quality_results_status_check CHECK ((status = ANY (ARRAY['pass'::text, 'warn'::text, 'error'::text])));
CREATE INDEX quality_results_check_run ON datakit.quality_results USING btree (check_run_id) WHERE (check_run_id IS NOT NULL);
CREATE INDEX quality_results_run ON datakit.quality_results USING btree (run_id, task);

create table datakit.rejects (
  id bigint default nextval('datakit.rejects_id_seq'::regclass) not null,
  load_id uuid not null,
  source_table text not null,
  target_table text not null,
  row_number bigint,
  stage text not null,
  "column" text,
  rule text not null,
  message text not null,
  hint text,
  "row" jsonb,
  datakit text,
  datakit_version text,
  at timestamp with time zone default now() not null
);
alter table datakit.rejects add constraint rejects_pkey PRIMARY KEY (id);
CREATE INDEX rejects_load_id ON datakit.rejects USING btree (load_id);

create table datakit.runs (
  id bigint generated always as identity not null,
  warehouse text not null,
  pipeline text not null,
  environment text not null,
  logical_time timestamp with time zone not null,
  trigger text not null,
  state text not null,
  definition_hash text not null,
  datakits jsonb not null,
  owner text,
  lease_expires_at timestamp with time zone,
  created_at timestamp with time zone default now() not null,
  started_at timestamp with time zone,
  ended_at timestamp with time zone,
  error text
);
alter table datakit.runs add constraint runs_pkey PRIMARY KEY (id);
alter table datakit.runs add constraint runs_state_check CHECK ((state = ANY (ARRAY['queued'::text, 'running'::text, 'succeeded'::text, 'failed'::text, 'cancelled'::text, 'abandoned'::text])));
alter table datakit.runs add constraint runs_trigger_check CHECK ((trigger = ANY (ARRAY['manual'::text, 'schedule'::text, 'backfill'::text, 'transfer'::text])));
CREATE INDEX runs_pipeline ON datakit.runs USING btree (warehouse, pipeline, environment, state);
CREATE UNIQUE INDEX runs_tick ON datakit.runs USING btree (warehouse, pipeline, environment, logical_time) WHERE (trigger = ANY (ARRAY['schedule'::text, 'backfill'::text]));

create table datakit.task_runs (
  id bigint generated always as identity not null,
  run_id bigint not null,
  task text not null,
  kind text not null,
  state text not null,
  attempt integer default 0 not null,
  max_attempts integer not null,
  next_attempt_at timestamp with time zone,
  owner text,
  lease_expires_at timestamp with time zone,
  started_at timestamp with time zone,
  ended_at timestamp with time zone,
  error text,
  error_code text,
  rows_read bigint,
  rows_loaded bigint,
  rows_rejected bigint,
  rows_dropped bigint,
  load_id text
);
alter table datakit.task_runs add constraint task_runs_pkey PRIMARY KEY (id);
alter table datakit.task_runs add constraint task_runs_run_id_fkey FOREIGN KEY (run_id) REFERENCES datakit.runs(id) ON DELETE CASCADE;
alter table datakit.task_runs add constraint task_runs_run_id_task_key UNIQUE (run_id, task);
alter table datakit.task_runs add constraint task_runs_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'running'::text, 'up_for_retry'::text, 'succeeded'::text, 'failed'::text, 'upstream_failed'::text, 'cancelled'::text, 'abandoned'::text])));
CREATE INDEX task_runs_leases ON datakit.task_runs USING btree (lease_expires_at) WHERE (state = 'running'::text);

create sequence datakit.check_runs_id_seq as bigint owned by check_runs.id;
create sequence datakit.column_lineage_id_seq as bigint owned by column_lineage.id;
create sequence datakit.events_id_seq as bigint owned by events.id;
create sequence datakit.quality_results_id_seq as bigint owned by quality_results.id;
create sequence datakit.rejects_id_seq as bigint owned by rejects.id;
create sequence datakit.runs_id_seq as bigint owned by runs.id;
create sequence datakit.task_runs_id_seq as bigint owned by task_runs.id;
