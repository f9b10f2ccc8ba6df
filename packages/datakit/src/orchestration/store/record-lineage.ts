import type { Connection } from '../../dialect/connection.js';
import type { PlaceTable } from '../../sql-transform/resolve-table.js';
import type { SourceColumn, TransformLineage } from '../../sql-transform/transform-lineage.js';

/**
 * A table as lineage names it: its layer (if placed in one), the schema the run used, its name.
 *
 * @example
 * ```ts
 * const t: LineageTable = { layer: 'silver', schema: 'silver', table: 'customer' };
 * ```
 */
export interface LineageTable {
  layer: string | null;
  schema: string | null;
  table: string;
}

/**
 * A column of a {@link LineageTable}.
 *
 * @example
 * ```ts
 * const c: LineageColumn = { layer: 'bronze', schema: 'bronze', table: 'customer', column: 'email' };
 * ```
 */
export interface LineageColumn extends LineageTable {
  column: string;
}

/**
 * The column lineage one task of a run recorded: each target column with the source columns its
 * value is computed from (none for a constant), and the columns that filter or join the rows.
 *
 * @example
 * ```ts
 * const l: TaskLineage = { task: 'silver.customer', target: { layer: 'silver', schema: 'silver', table: 'customer' },
 *   columns: [{ column: 'email', sources: [{ layer: 'bronze', schema: 'bronze', table: 'customer', column: 'email' }] }], filters: [] };
 * ```
 */
export interface TaskLineage {
  task: string;
  target: LineageTable;
  columns: { column: string; sources: LineageColumn[] }[];
  filters: LineageColumn[];
}

/**
 * Records the column lineage of one task of a run (replacing what an earlier attempt recorded),
 * with each table's schema as the run placed it (`place`, the run's placement).
 *
 * @example
 * ```ts
 * await recordLineage(store, { runId: '42', task: 'silver.customer' }, silverCustomer.lineage, taskPlace(plan, tables));
 * ```
 */
export async function recordLineage(
  store: Connection,
  at: { runId: string; task: string },
  lineage: TransformLineage,
  placeTable: PlaceTable,
): Promise<void> {
  const place = (t: { table: string; layer?: string; schema?: string }): LineageTable => ({
    layer: t.layer ?? null,
    schema:
      t.layer === undefined
        ? (t.schema ?? null)
        : (placeTable({ name: t.table, layer: t.layer, ...(t.schema ? { schema: t.schema } : {}) }).schema ??
          null),
    table: t.table,
  });
  const target = place(lineage.target);
  const source = (c: SourceColumn | undefined) =>
    c === undefined
      ? { layer: null, schema: null, table: null, column: null }
      : { ...place(c), column: c.column };
  const rows = [
    ...lineage.columns.flatMap((c) =>
      (c.sources.length === 0 ? [undefined] : c.sources).map((s) => ({
        role: 'select',
        column: c.column,
        source: source(s),
      })),
    ),
    ...lineage.filters.map((s) => ({ role: 'filter', column: null, source: source(s) })),
  ];
  await store.query(
    `with cleared as (delete from "datakit"."column_lineage" where "run_id" = $1 and "task" = $2)
     insert into "datakit"."column_lineage" ("run_id", "task", "role", "target_layer", "target_schema", "target_table",
       "target_column", "source_layer", "source_schema", "source_table", "source_column")
     select $1::bigint, $2, r->>'role', $3, $4, $5, r->>'column', r->'source'->>'layer', r->'source'->>'schema',
       r->'source'->>'table', r->'source'->>'column'
     from jsonb_array_elements($6::jsonb) with ordinality as e(r, n) order by n`,
    [at.runId, at.task, target.layer, target.schema, target.table, JSON.stringify(rows)],
  );
}

/**
 * The column lineage the tasks of a run recorded, per task in the order they recorded it.
 *
 * @example
 * ```ts
 * for (const t of await readLineage(store, '42'))
 *   for (const c of t.columns) console.log(`${t.target.table}.${c.column} <- ${c.sources.map((s) => `${s.table}.${s.column}`).join(', ')}`);
 * ```
 */
export async function readLineage(store: Connection, runId: string): Promise<TaskLineage[]> {
  if (!/^\d+$/.test(runId)) return [];
  const { rows } = await store.query<Record<string, string | null>>(
    `select "task", "role", "target_layer", "target_schema", "target_table", "target_column",
       "source_layer", "source_schema", "source_table", "source_column"
     from "datakit"."column_lineage" where "run_id" = $1 order by "id"`,
    [runId],
  );
  const byTask = new Map<string, TaskLineage>();
  for (const r of rows) {
    const task = String(r.task);
    let entry = byTask.get(task);
    if (!entry) {
      entry = {
        task,
        target: {
          layer: r.target_layer ?? null,
          schema: r.target_schema ?? null,
          table: String(r.target_table),
        },
        columns: [],
        filters: [],
      };
      byTask.set(task, entry);
    }
    const source: LineageColumn | undefined =
      r.source_column === null || r.source_column === undefined
        ? undefined
        : {
            layer: r.source_layer ?? null,
            schema: r.source_schema ?? null,
            table: String(r.source_table),
            column: r.source_column,
          };
    if (r.role === 'filter') {
      if (source) entry.filters.push(source);
      continue;
    }
    const name = String(r.target_column);
    let column = entry.columns.find((c) => c.column === name);
    if (!column) {
      column = { column: name, sources: [] };
      entry.columns.push(column);
    }
    if (source) column.sources.push(source);
  }
  return [...byTask.values()];
}
