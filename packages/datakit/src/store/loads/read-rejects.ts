import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';
import type { RejectRow } from './insert-rejects.js';

/**
 * One rejected row as the run store holds it (its `rejects` table), its row parsed from JSON.
 *
 * @example
 * ```ts
 * const reject: StoredReject = { id: '7', loadId: '0f8…', sourceTable: 'crm.customer', targetTable: 'bronze.customer',
 *   rowNumber: 3, stage: 'transform', column: null, rule: 'transform', hint: null, datakit: 'crm', datakitVersion: '1.0.0',
 *   message: 'Row customer_id=3 of "customer": the transform threw: cannot transform BOOM', row: { customer_id: 3 }, at };
 * ```
 */
export interface StoredReject extends Omit<RejectRow, 'row'> {
  id: string;
  row: unknown;
  at: Date;
}

/**
 * The first `limit` rejects of the loads `loadIds`, load by load in the order given, each load's
 * in the order they were rejected.
 *
 * @example
 * ```ts
 * const rejects = await readRejects(conn, [loadId], 100, store);
 * rejects.map((r) => `${r.column}: ${r.message}`);
 * ```
 */
export async function readRejects(
  conn: Connection,
  loadIds: readonly string[],
  limit: number,
  store: StoreSchema,
): Promise<StoredReject[]> {
  if (loadIds.length === 0) return [];
  const { rows } = await conn.query<Record<string, unknown>>(
    `select "id"::text as "id", "load_id"::text as "load_id", "source_table", "target_table", "row_number", "stage",
            "column", "rule", "message", "hint", "row"::text as "row", "datakit", "datakit_version", "at"
     from ${store.rejects} where "load_id" = any($1::uuid[])
     order by array_position($1::uuid[], "load_id"), "id" limit $2`,
    [loadIds, limit],
  );
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rows.map((r) => ({
    id: String(r.id),
    loadId: String(r.load_id),
    sourceTable: String(r.source_table),
    targetTable: String(r.target_table),
    rowNumber: r.row_number === null || r.row_number === undefined ? null : Number(r.row_number),
    stage: String(r.stage),
    column: text(r.column),
    rule: String(r.rule),
    message: String(r.message),
    hint: text(r.hint),
    row: r.row === null || r.row === undefined ? null : JSON.parse(String(r.row)),
    datakit: text(r.datakit),
    datakitVersion: text(r.datakit_version),
    at: new Date(r.at as string),
  }));
}
