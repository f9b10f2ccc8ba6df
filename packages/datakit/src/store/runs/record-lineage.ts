import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';
import type { LineageTable } from './read-lineage.js';

/**
 * A source column as a transform's lineage names it: by layer (placed by the run) or by schema.
 *
 * @example
 * ```ts
 * const c: LineageSource = { table: 'customer', layer: 'bronze', column: 'email' };
 * ```
 */
export interface LineageSource {
  table: string;
  layer?: string;
  schema?: string;
  column: string;
}

/**
 * The lineage of one SQL transform or dimension, as its typed select map gives it.
 *
 * @example
 * ```ts
 * const l: LineageInput = { target: { table: 'customer', layer: 'silver' }, columns: [{ column: 'email', sources: [{ table: 'customer', layer: 'bronze', column: 'email' }] }], filters: [] };
 * ```
 */
export interface LineageInput {
  target: { table: string; layer?: string; schema?: string };
  columns: readonly { column: string; sources: readonly LineageSource[] }[];
  filters: readonly LineageSource[];
}

/**
 * Where the run placed a table of a layer: its schema (absent for the search path).
 *
 * @example
 * ```ts
 * const place: LineagePlace = (t) => plan.place(t.name, t.layer);
 * ```
 */
export type LineagePlace = (table: { name: string; layer: string; schema?: string }) => { schema?: string };

/**
 * Records the column lineage of one task of a run (replacing what an earlier attempt recorded),
 * with each table's schema as the run placed it (`place`, the run's placement).
 *
 * @example
 * ```ts
 * await recordLineage(warehouse, { runId: '42', task: 'silver.customer' }, silverCustomer.lineage, taskPlace(plan, tables), store);
 * ```
 */
export async function recordLineage(
  conn: Connection,
  at: { runId: string; task: string },
  lineage: LineageInput,
  placeTable: LineagePlace,
  store: StoreSchema,
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
  const source = (c: LineageSource | undefined) =>
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
  await conn.query(
    `with cleared as (delete from ${store.columnLineage} where "run_id" = $1 and "task" = $2)
     insert into ${store.columnLineage} ("run_id", "task", "role", "target_layer", "target_schema", "target_table",
       "target_column", "source_layer", "source_schema", "source_table", "source_column")
     select $1::bigint, $2, r->>'role', $3, $4, $5, r->>'column', r->'source'->>'layer', r->'source'->>'schema',
       r->'source'->>'table', r->'source'->>'column'
     from jsonb_array_elements($6::jsonb) with ordinality as e(r, n) order by n`,
    [at.runId, at.task, target.layer, target.schema, target.table, JSON.stringify(rows)],
  );
}
