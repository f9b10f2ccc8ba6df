import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * Which loads {@link listRejectLoads} returns, in one warehouse and environment:
 * - `latest`: the latest load of each transfer and SQL transform task;
 * - `all`: every load that rejected rows;
 * - `load`: one load, by id (also rejects whose load the store did not record: a SQL transform run
 *   through the API);
 * - `transfer`: the latest load of a transfer (or task) by name, or every one with `all`;
 * - `run`: the loads of a pipeline run's tasks.
 *
 * @example
 * ```ts
 * const filter: RejectLoadFilter = { by: 'transfer', name: 'customer', all: false };
 * ```
 */
export type RejectLoadFilter =
  | { by: 'latest' }
  | { by: 'all' }
  | { by: 'load'; loadId: string }
  | { by: 'transfer'; name: string; all: boolean }
  | { by: 'run'; runId: string };

/**
 * A load as the rejects command shows it: a transfer's (the store's `loads` table) or a task's
 * that wrote no `loads` row (a SQL transform: `task_runs.load_id`), with the rejects it stored.
 *
 * @example
 * ```ts
 * const load: RejectLoad = { loadId: '0f8…', name: 'customer', kind: 'transfer', runId: null, sourceSystem: 'crm', sourceTable: 'crm.customer',
 *   targetTable: 'bronze.customer', status: 'succeeded', startedAt, rowsRejected: 2, stored: 2 };
 * ```
 */
export interface RejectLoad {
  loadId: string;
  /** The transfer's name, or the pipeline task's for a load the `loads` table does not hold. */
  name: string | null;
  /** `transfer`, the task kind (`sql`...), or null for rejects of an unrecorded load. */
  kind: string | null;
  runId: string | null;
  /** The source system of a transfer's load (a SQL transform's source is the warehouse: null). */
  sourceSystem: string | null;
  sourceTable: string | null;
  targetTable: string | null;
  /** The load's status, or its task's state. */
  status: string | null;
  startedAt: Date | null;
  /** The rejected count the load recorded (null while running). */
  rowsRejected: number | null;
  /** The rejects stored for it: fewer than `rowsRejected` when a failed load kept only its first ones. */
  stored: number;
}

const UUID = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;

function where(filter: RejectLoadFilter): string {
  switch (filter.by) {
    case 'latest':
    case 'all':
      return 'true';
    case 'load':
      return `"load_id" = $3`;
    case 'transfer':
      return `"name" = $3`;
    case 'run':
      return `"run_id" = $3`;
  }
}

function paramsOf(filter: RejectLoadFilter): string[] {
  if (filter.by === 'load') return [filter.loadId.toLowerCase()];
  if (filter.by === 'transfer') return [filter.name];
  if (filter.by === 'run') return [filter.runId];
  return [];
}

/**
 * The loads of `filter` in a warehouse's environment, with their stored reject counts: a run's
 * in the order they started, the others newest first (`all`: only those that rejected rows).
 *
 * @example
 * ```ts
 * const loads = await listRejectLoads(conn, { warehouse: 'shop', environment: 'dev' }, { by: 'run', runId: '42' }, store);
 * loads.filter((l) => l.stored > 0).map((l) => l.targetTable);
 * ```
 */
export async function listRejectLoads(
  conn: Connection,
  scope: { warehouse: string; environment: string },
  filter: RejectLoadFilter,
  store: StoreSchema,
): Promise<RejectLoad[]> {
  // A SQL transform writes no `loads` row: its load is its task run's, its target the table its lineage names.
  const unrecorded =
    filter.by === 'load'
      ? `union all
         select x."load_id"::text, null, null, null, null, min(x."source_table"), min(x."target_table"), null, min(x."at"), null
         from ${store.rejects} x
         where x."load_id"::text = $3
           and not exists (select 1 from ${store.loads} l where l."load_id" = x."load_id")
           and not exists (select 1 from ${store.taskRuns} t where t."load_id" = x."load_id"::text)
         group by x."load_id"`
      : '';
  const latest = filter.by === 'latest' || (filter.by === 'transfer' && !filter.all);
  const chosen = latest
    ? `select distinct on ("name") * from "found" where ${where(filter)} order by "name", "started_at" desc nulls last`
    : `select * from "found" where ${where(filter)}`;
  const order =
    filter.by === 'run' ? `"started_at" nulls last, "load_id"` : `"started_at" desc nulls last, "load_id"`;
  const { rows } = await conn.query<Record<string, unknown>>(
    `with "found" as (
       select l."load_id"::text as "load_id", l."transfer" as "name", coalesce(t."kind", 'transfer') as "kind",
              t."run_id"::text as "run_id", l."source_system", l."source_table", l."target_table", l."status", l."started_at", l."rows_rejected"
       from ${store.loads} l left join ${store.taskRuns} t on t."load_id" = l."load_id"::text
       where l."warehouse" = $1 and l."environment" = $2
       union all
       select t."load_id", t."task", t."kind", t."run_id"::text,
              null, null, (select c."target_schema" || '.' || c."target_table" from ${store.columnLineage} c
                     where c."run_id" = t."run_id" and c."task" = t."task" limit 1),
              t."state", t."started_at", t."rows_rejected"
       from ${store.taskRuns} t join ${store.runs} r on r."id" = t."run_id"
       where r."warehouse" = $1 and r."environment" = $2 and t."load_id" ~ ${UUID}
         and not exists (select 1 from ${store.loads} l where l."load_id"::text = t."load_id")
       ${unrecorded}
     ), "chosen" as (${chosen})
     select c.*, x."stored", x."source_table" as "rejects_source", x."target_table" as "rejects_target"
     from "chosen" c cross join lateral (
       select count(*)::integer as "stored", min(r."source_table") as "source_table", min(r."target_table") as "target_table"
       from ${store.rejects} r where r."load_id" = c."load_id"::uuid
     ) x
     ${filter.by === 'all' ? 'where x."stored" > 0' : ''}
     order by ${order}`,
    [scope.warehouse, scope.environment, ...paramsOf(filter)],
  );
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rows.map((r) => ({
    loadId: String(r.load_id),
    name: text(r.name),
    kind: text(r.kind),
    runId: text(r.run_id),
    sourceSystem: text(r.source_system),
    sourceTable: text(r.source_table ?? r.rejects_source),
    targetTable: text(r.target_table ?? r.rejects_target),
    status: text(r.status),
    startedAt: r.started_at === null || r.started_at === undefined ? null : new Date(r.started_at as string),
    rowsRejected: r.rows_rejected === null || r.rows_rejected === undefined ? null : Number(r.rows_rejected),
    stored: Number(r.stored),
  }));
}
