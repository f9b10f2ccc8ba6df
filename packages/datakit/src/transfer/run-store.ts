import type { Connection } from '../dialect/connection.js';

/**
 * Where the transfer engine keeps its own tables in the warehouse.
 *
 * @example
 * ```ts
 * `select * from ${RUN_STORE_SCHEMA}.loads`; // datakit.loads
 * ```
 */
export const RUN_STORE_SCHEMA = 'datakit';

/**
 * A table reference in the run store or a layer schema.
 *
 * @example
 * ```ts
 * const rejects: StoreTable = { schema: 'datakit', name: 'rejects' };
 * ```
 */
export interface StoreTable {
  schema: string;
  name: string;
}

function ddl(q: (name: string) => string, rejects: StoreTable): string[] {
  const s = q(RUN_STORE_SCHEMA);
  const r = `${q(rejects.schema)}.${q(rejects.name)}`;
  return [
    `create schema if not exists ${s}`,
    `create schema if not exists ${q(rejects.schema)}`,
    `create table if not exists ${s}."loads" (
      "load_id" uuid primary key, "name" text not null, "source_system" text not null,
      "source_table" text not null, "target_table" text not null, "disposition" text not null,
      "status" text not null, "started_at" timestamptz not null, "finished_at" timestamptz,
      "logical_time" timestamptz, "rows_read" bigint, "rows_loaded" bigint, "rows_rejected" bigint,
      "rows_dropped" bigint, "rows_inserted" bigint, "rows_updated" bigint, "rows_unchanged" bigint,
      "rows_closed" bigint, "cursor_column" text, "cursor_from" text, "cursor_to" text,
      "datakit" text, "datakit_version" text, "error" text)`,
    `create table if not exists ${r} (
      "id" bigserial primary key, "load_id" uuid not null, "source_table" text not null,
      "target_table" text not null, "row_number" bigint, "stage" text not null, "column" text,
      "rule" text not null, "message" text not null, "hint" text, "row" jsonb, "datakit" text,
      "datakit_version" text, "at" timestamptz not null default now())`,
    `create index if not exists ${q(`${rejects.name}_load_id`)} on ${r} ("load_id")`,
    `create table if not exists ${s}."cursors" (
      "name" text primary key, "source_table" text not null, "target_table" text not null,
      "cursor_column" text not null, "value" text, "load_id" uuid, "updated_at" timestamptz not null)`,
  ];
}

/**
 * Creates the run-store tables (`datakit.loads`, `datakit.cursors` and the rejects table) when
 * they are missing. Idempotent and safe when several transfers start at once (advisory lock).
 *
 * @example
 * ```ts
 * await ensureRunStore(warehouse, { schema: 'datakit', name: 'rejects' });
 * ```
 * @internal
 */
export async function ensureRunStore(conn: Connection, rejects: StoreTable): Promise<void> {
  const q = (name: string) => conn.dialect.adapter.quoteIdentifier(name);
  // Only touch DDL when something is missing: a production role may read and write these tables
  // without the right to create schemas.
  const names = [
    `${q(RUN_STORE_SCHEMA)}."loads"`,
    `${q(RUN_STORE_SCHEMA)}."cursors"`,
    `${q(rejects.schema)}.${q(rejects.name)}`,
  ];
  const { rows } = await conn.query<{ ready: boolean }>(
    'select to_regclass($1) is not null and to_regclass($2) is not null and to_regclass($3) is not null as ready',
    names,
  );
  if (rows[0]?.ready) return;
  await conn.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('datakit.run-store'))`);
    for (const sql of ddl(q, rejects)) await tx.query(sql);
  });
}

/**
 * The columns of a `datakit.loads` row, as the engine writes them. @internal
 *
 * @example
 * ```ts
 * await recordLoadStart(warehouse, { loadId, name: 'crm.customer', sourceSystem: 'crm', sourceTable: 'customer', targetTable: 'bronze.customer', disposition: 'append', startedAt: new Date(), logicalTime: new Date() });
 * ```
 */
export interface LoadRecord {
  loadId: string;
  name: string;
  sourceSystem: string;
  sourceTable: string;
  targetTable: string;
  disposition: string;
  startedAt: Date;
  logicalTime: Date;
  cursorColumn?: string;
  datakit?: string;
  datakitVersion?: string;
}

/**
 * Final counts and outcome of a load. @internal
 *
 * @example
 * ```ts
 * await recordLoadEnd(tx, loadId, { status: 'succeeded', finishedAt: new Date(), counts });
 * ```
 */
export interface LoadOutcome {
  status: 'succeeded' | 'failed';
  finishedAt: Date;
  counts: Record<
    'read' | 'loaded' | 'rejected' | 'dropped' | 'inserted' | 'updated' | 'unchanged' | 'closed',
    number
  >;
  cursorFrom?: string | null;
  cursorTo?: string | null;
  error?: string;
}

/**
 * Records a load as `running` (outside the load's transaction, so a killed load stays visible).
 *
 * @example
 * ```ts
 * await recordLoadStart(warehouse, load);
 * ```
 * @internal
 */
export async function recordLoadStart(conn: Connection, load: LoadRecord): Promise<void> {
  await conn.query(
    `insert into "datakit"."loads" ("load_id", "name", "source_system", "source_table", "target_table",
       "disposition", "status", "started_at", "logical_time", "cursor_column", "datakit", "datakit_version")
     values ($1, $2, $3, $4, $5, $6, 'running', $7, $8, $9, $10, $11)`,
    [
      load.loadId,
      load.name,
      load.sourceSystem,
      load.sourceTable,
      load.targetTable,
      load.disposition,
      load.startedAt.toISOString(),
      load.logicalTime.toISOString(),
      load.cursorColumn ?? null,
      load.datakit ?? null,
      load.datakitVersion ?? null,
    ],
  );
}

/**
 * Records how a load ended; inside the load's transaction on success, so the status commits with
 * the data.
 *
 * @example
 * ```ts
 * await recordLoadEnd(tx, load.loadId, { status: 'succeeded', finishedAt: new Date(), counts });
 * ```
 * @internal
 */
export async function recordLoadEnd(conn: Connection, loadId: string, outcome: LoadOutcome): Promise<void> {
  const c = outcome.counts;
  await conn.query(
    `update "datakit"."loads" set "status" = $2, "finished_at" = $3, "rows_read" = $4, "rows_loaded" = $5,
       "rows_rejected" = $6, "rows_dropped" = $7, "rows_inserted" = $8, "rows_updated" = $9,
       "rows_unchanged" = $10, "rows_closed" = $11, "cursor_from" = $12, "cursor_to" = $13, "error" = $14
     where "load_id" = $1`,
    [
      loadId,
      outcome.status,
      outcome.finishedAt.toISOString(),
      c.read,
      c.loaded,
      c.rejected,
      c.dropped,
      c.inserted,
      c.updated,
      c.unchanged,
      c.closed,
      outcome.cursorFrom ?? null,
      outcome.cursorTo ?? null,
      outcome.error ?? null,
    ],
  );
}

/**
 * The saved value of an incremental cursor, or undefined before the first load. @internal
 *
 * @example
 * ```ts
 * const last = await readCursor(warehouse, 'crm.customer->bronze.customer'); // undefined on the first load
 * ```
 */
export async function readCursor(conn: Connection, name: string): Promise<string | null | undefined> {
  const { rows } = await conn.query<{ value: string | null }>(
    `select "value" from "datakit"."cursors" where "name" = $1`,
    [name],
  );
  return rows.length === 0 ? undefined : (rows[0]?.value ?? null);
}

/**
 * Saves a cursor value; called inside the load's transaction. @internal
 *
 * @example
 * ```ts
 * await saveCursor(tx, { name, sourceTable: 'customer', targetTable: 'bronze.customer', column: 'updated_at', value: '2024-05-01 10:00:00+00', loadId });
 * ```
 */
export async function saveCursor(
  conn: Connection,
  cursor: {
    name: string;
    sourceTable: string;
    targetTable: string;
    column: string;
    value: string | null;
    loadId: string;
  },
): Promise<void> {
  await conn.query(
    `insert into "datakit"."cursors" ("name", "source_table", "target_table", "cursor_column", "value", "load_id", "updated_at")
     values ($1, $2, $3, $4, $5, $6, now())
     on conflict ("name") do update set "source_table" = excluded."source_table", "target_table" = excluded."target_table",
       "cursor_column" = excluded."cursor_column", "value" = excluded."value", "load_id" = excluded."load_id",
       "updated_at" = excluded."updated_at"`,
    [cursor.name, cursor.sourceTable, cursor.targetTable, cursor.column, cursor.value, cursor.loadId],
  );
}
