import { formatCsv } from '../format/format-csv.js';
import type { RejectLoad } from '../store/loads/list-reject-loads.js';
import type { StoredReject } from '../store/loads/read-rejects.js';

/**
 * One rejected row as `datakit rejects --json` prints it (and `--csv`, one column per field).
 *
 * @example
 * ```ts
 * const view: RejectView = { loadId: '0f8…', transfer: 'customer', runId: null, sourceTable: 'crm.customer',
 *   targetTable: 'bronze.customer', stage: 'target', rule: 'max-length:40', column: 'email', key: 'customer_id=9',
 *   value: 'a-very-long-address@example.com', rowNumber: 9, message: 'Row customer_id=9 of "bronze.customer": ...',
 *   hint: null, row: { customer_id: 9, email: '…' }, datakit: 'bronze', datakitVersion: '1.0.0', at: '2025-01-01T00:00:00.000Z' };
 * ```
 */
export interface RejectView {
  loadId: string;
  /** The transfer's name, or the pipeline task's (a SQL transform's). */
  transfer: string | null;
  runId: string | null;
  sourceTable: string;
  targetTable: string;
  /** `source`, `transform` or `target` (a transfer's); a SQL transform's rule stage (`rule`, `constraint`...). */
  stage: string;
  rule: string;
  column: string | null;
  /** The row's key as its reason names it (`customer_id=9`), or null when the reason names none. */
  key: string | null;
  /** The value of `column` in the stored row (null without a column). */
  value: unknown;
  rowNumber: number | null;
  /** The full reason. */
  message: string;
  hint: string | null;
  /** The stored row: the source row, or the transformed row for a target reject. */
  row: unknown;
  datakit: string | null;
  datakitVersion: string | null;
  at: string;
}

const TRANSFER_KEY = /^Row (.+?) of /s;
const SQL_KEY = / \(key (.*)\)$/s;

/**
 * The key a reject's reason names: a transfer's `Row customer_id=3 of ...` (not a bare row
 * number), a SQL transform's `... (key id=997)`.
 *
 * @example
 * ```ts
 * rejectKey('silver.order: no customer row has this id (key id=997)'); // 'id=997'
 * rejectKey('Row 17 of "customer": ...'); // null
 * ```
 */
export function rejectKey(message: string): string | null {
  const key = TRANSFER_KEY.exec(message)?.[1] ?? SQL_KEY.exec(message)?.[1];
  return key?.includes('=') ? key : null;
}

/**
 * The reason without the row and table it names (the table shows them in their own columns).
 *
 * @example
 * ```ts
 * shortReason({ message: 'Row id=3 of "customer": the transform threw: boom', targetTable: 'bronze.customer' }); // 'the transform threw: boom'
 * ```
 */
export function shortReason(reject: Pick<StoredReject, 'message' | 'targetTable'>): string {
  const { message, targetTable } = reject;
  const row = /^Row .+? of "[^"]*"[^:]*: /s.exec(message);
  if (row) return message.slice(row[0].length);
  const sql = SQL_KEY.exec(message);
  const body = sql ? message.slice(0, sql.index) : message;
  return body.startsWith(`${targetTable}: `) ? body.slice(targetTable.length + 2) : body;
}

/**
 * The view of a stored reject, with the load it belongs to.
 *
 * @example
 * ```ts
 * const views = rejects.map((r) => rejectView(r, byId.get(r.loadId)));
 * ```
 */
export function rejectView(reject: StoredReject, load: RejectLoad | undefined): RejectView {
  const row = reject.row;
  const value =
    reject.column !== null && row !== null && typeof row === 'object' && !Array.isArray(row)
      ? ((row as Record<string, unknown>)[reject.column] ?? null)
      : null;
  return {
    loadId: reject.loadId,
    transfer: load?.name ?? null,
    runId: load?.runId ?? null,
    sourceTable: reject.sourceTable,
    targetTable: reject.targetTable,
    stage: reject.stage,
    rule: reject.rule,
    column: reject.column,
    key: rejectKey(reject.message),
    value,
    rowNumber: reject.rowNumber,
    message: reject.message,
    hint: reject.hint,
    row,
    datakit: reject.datakit,
    datakitVersion: reject.datakitVersion,
    at: reject.at.toISOString(),
  };
}

const CSV_COLUMNS = [
  'load_id',
  'transfer',
  'run_id',
  'source_table',
  'target_table',
  'stage',
  'rule',
  'column',
  'key',
  'value',
  'row_number',
  'message',
  'hint',
  'row',
  'datakit',
  'datakit_version',
  'at',
] as const;

/** A value in a CSV field: text as it is, anything else as JSON. */
const csvValue = (v: unknown) =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

/**
 * What `datakit rejects --csv` prints: a header, then one record per reject (the value and the
 * row as JSON unless the value is text; null as the empty field).
 *
 * @example
 * ```ts
 * io.out(rejectsCsv(views));
 * ```
 */
export function rejectsCsv(views: readonly RejectView[]): string {
  return formatCsv(
    CSV_COLUMNS,
    views.map((v) => [
      v.loadId,
      v.transfer,
      v.runId,
      v.sourceTable,
      v.targetTable,
      v.stage,
      v.rule,
      v.column,
      v.key,
      csvValue(v.value),
      v.rowNumber,
      v.message,
      v.hint,
      csvValue(v.row),
      v.datakit,
      v.datakitVersion,
      v.at,
    ]),
  );
}
