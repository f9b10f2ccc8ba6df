import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * One row of the store's `rejects` table, ready to insert: `row` is the rejected row's JSON text.
 * @internal
 *
 * @example
 * ```ts
 * const reject: RejectRow = { loadId, sourceTable: 'crm.customer', targetTable: 'bronze.customer', rowNumber: 17,
 *   stage: 'target', column: 'email', rule: 'max-length:200', message: '...', hint: null, row: '{"id":17}', datakit: null, datakitVersion: null };
 * ```
 */
export interface RejectRow {
  loadId: string;
  sourceTable: string;
  targetTable: string;
  /** 1-based position in the source stream (null for a SQL transform's). */
  rowNumber: number | null;
  stage: string;
  column: string | null;
  rule: string;
  message: string;
  hint: string | null;
  row: string;
  datakit: string | null;
  datakitVersion: string | null;
}

const COLUMNS = 12;
const ROWS_PER_INSERT = 500;

/**
 * Inserts reject rows with parameters, in batches.
 *
 * @example
 * ```ts
 * await insertRejects(tx, rejectRows(ctx, collector.take()), store);
 * ```
 * @internal
 */
export async function insertRejects(
  conn: Connection,
  rejects: readonly RejectRow[],
  store: StoreSchema,
): Promise<void> {
  for (let start = 0; start < rejects.length; start += ROWS_PER_INSERT) {
    const batch = rejects.slice(start, start + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = batch.map((r, i) => {
      params.push(
        r.loadId,
        r.sourceTable,
        r.targetTable,
        r.rowNumber,
        r.stage,
        r.column,
        r.rule,
        r.message,
        r.hint,
        r.row,
        r.datakit,
        r.datakitVersion,
      );
      const base = i * COLUMNS;
      return `(${Array.from({ length: COLUMNS }, (_, c) => `$${base + c + 1}`).join(', ')})`;
    });
    await conn.query(
      `insert into ${store.rejects} ("load_id", "source_table", "target_table", "row_number", "stage", "column", "rule",
         "message", "hint", "row", "datakit", "datakit_version") values ${tuples.join(', ')}`,
      params,
    );
  }
}
