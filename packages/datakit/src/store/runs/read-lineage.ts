import type { Connection } from '../../dialect/connection.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../store-schema.js';

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
 * The column lineage the tasks of a run recorded, per task in the order they recorded it.
 *
 * @example
 * ```ts
 * for (const t of await readLineage(warehouse, '42'))
 *   for (const c of t.columns) console.log(`${t.target.table}.${c.column} <- ${c.sources.map((s) => `${s.table}.${s.column}`).join(', ')}`);
 * ```
 */
export async function readLineage(
  conn: Connection,
  runId: string,
  store: StoreSchema = DEFAULT_STORE_SCHEMA,
): Promise<TaskLineage[]> {
  if (!/^\d+$/.test(runId)) return [];
  const { rows } = await conn.query<Record<string, string | null>>(
    `select "task", "role", "target_layer", "target_schema", "target_table", "target_column",
       "source_layer", "source_schema", "source_table", "source_column"
     from ${store.columnLineage} where "run_id" = $1 order by "id"`,
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
