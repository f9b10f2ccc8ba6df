import type { RejectRow } from '../store/loads/insert-rejects.js';
import { PgDate } from '../values/pg-date.js';

/**
 * Where in the pipeline a row was rejected.
 *
 * @example
 * ```ts
 * const stage: RejectStage = 'transform'; // the transform threw
 * ```
 */
export type RejectStage = 'source' | 'transform' | 'target';

/**
 * One rejected row, as stored in the rejects table.
 *
 * @example
 * ```ts
 * const reject: RejectRecord = { rowNumber: 17, stage: 'target', column: 'email', rule: 'max-length:200',
 *   message: 'Row 17 of "customer": column "email" has 245 characters ...', row: { id: 17, email: '...' } };
 * ```
 */
export interface RejectRecord {
  /** 1-based position in the source stream. */
  rowNumber: number;
  stage: RejectStage;
  column?: string;
  rule: string;
  message: string;
  hint?: string;
  /** The row that failed: the source row, or the transformed row for target rejects. */
  row: unknown;
}

/**
 * Load-wide fields of every reject row. @internal
 *
 * @example
 * ```ts
 * const ctx: RejectContext = { loadId, sourceTable: 'crm.customer', targetTable: 'bronze.customer', datakit: () => ({}) };
 * ```
 */
export interface RejectContext {
  loadId: string;
  sourceTable: string;
  targetTable: string;
  datakit: (stage: RejectStage) => { name?: string; version?: string };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// jsonb cannot hold U+0000 or unpaired surrogates, and the row should stay readable whatever its values are.
function jsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return readable(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof PgDate) return value.pgText;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return value.map(jsonValue);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[readable(k)] = jsonValue(v);
    return out;
  }
  return String(value);
}

function readable(text: string): string {
  const shown = text.includes('\u0000') ? text.replaceAll('\u0000', '\u2400') : text;
  return shown.replace(LONE_SURROGATE, '\ufffd');
}

/**
 * The JSON text of a rejected row (Dates as PostgreSQL text, bigints as strings, bytes as hex).
 *
 * @example
 * ```ts
 * rowJson({ id: 1n, at: new Date(0) }); // '{"id":"1","at":"1970-01-01T00:00:00.000Z"}'
 * ```
 * @internal
 */
export function rowJson(row: unknown): string {
  return JSON.stringify(jsonValue(row));
}

/**
 * The store's reject rows of a load's rejected records (messages and rows made storable).
 *
 * @example
 * ```ts
 * await insertRejects(tx, rejectRows(ctx, collector.take()), store);
 * ```
 * @internal
 */
export function rejectRows(ctx: RejectContext, records: readonly RejectRecord[]): RejectRow[] {
  return records.map((r) => {
    const dk = ctx.datakit(r.stage);
    return {
      loadId: ctx.loadId,
      sourceTable: ctx.sourceTable,
      targetTable: ctx.targetTable,
      rowNumber: r.rowNumber,
      stage: r.stage,
      column: r.column ?? null,
      rule: r.rule,
      message: r.message.replaceAll('\u0000', '\u2400'),
      hint: r.hint ?? null,
      row: rowJson(r.row),
      datakit: dk.name ?? null,
      datakitVersion: dk.version ?? null,
    };
  });
}

/**
 * Counts rejects, keeps the first few for error messages and buffers the rest until the writer
 * can insert them (a COPY in progress holds the connection).
 *
 * @example
 * ```ts
 * const rejects = new RejectCollector();
 * rejects.add({ rowNumber: 3, stage: 'transform', rule: 'transform', message: 'boom', row });
 * await insertRejects(tx, rejectRows(ctx, rejects.take()), store);
 * ```
 * @internal
 */
export class RejectCollector {
  count = 0;
  readonly first: RejectRecord[] = [];
  pending: RejectRecord[] = [];

  add(record: RejectRecord): void {
    this.count++;
    if (this.first.length < 10) this.first.push(record);
    this.pending.push(record);
  }

  take(): RejectRecord[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}
