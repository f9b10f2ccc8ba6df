import type { ColumnType } from '../schema/table-schema.js';
import type { ColumnCodec } from '../values/column-codec.js';
import type { DecodedBatch } from '../values/copy-text-decoder.js';
import type { ZeroDates } from '../values/unreadable-value.js';
import type { TableRef } from './ddl-compiler.js';
import type { DialectAdapter } from './dialect-adapter.js';

/**
 * Rows read from the source; `text`/`offsets` only when they were decoded from COPY text. Readers
 * without COPY text may give `values` (as in {@link DecodedBatch}) and `raw`: by the same index,
 * the source's own text of json values, so unchanged JSON primitives are written exactly. @internal
 *
 * @example
 * ```ts
 * const batch: SourceBatch = { rows: [{ id: 1, name: 'Ada' }] }; // from a driver, no COPY text
 * ```
 */
export type SourceBatch = Pick<DecodedBatch, 'rows'> &
  Partial<Pick<DecodedBatch, 'text' | 'offsets' | 'values'>> & {
    raw?: readonly (string | null | undefined)[];
    /** The value the driver gave for row `row`, column `column` (codec order), for reject messages. */
    originals?: (row: number, column: number) => unknown;
  };

/**
 * A bound on one column: `"column" <op> value`, the value in the column type's text form. @internal
 *
 * @example
 * ```ts
 * const after: Bound = { column: updatedAt, op: '>', value: '2024-05-01 10:00:00+00' };
 * ```
 */
export interface Bound {
  column: ColumnCodec;
  op: '>' | '>=' | '<' | '<=';
  value: string;
}

/**
 * What to read: a table's columns, with optional bounds (cursor, key range). @internal
 *
 * @example
 * ```ts
 * const plan: ReadPlan = { table: { name: 'orders' }, codecs, bounds: [], batchSize: 1000, integerText: new Set() };
 * ```
 */
export interface ReadPlan {
  table: TableRef;
  codecs: readonly ColumnCodec[];
  bounds: readonly Bound[];
  /** Rows per batch for cursor-based reads (not COPY). */
  batchSize: number;
  /** Columns whose live type guarantees integer text (see `liveColumns`). */
  integerText: ReadonlySet<string>;
  /** MySQL zero dates: reject the row (default) or read NULL. */
  zeroDates?: ZeroDates;
}

/**
 * A live column of a source table as the catalog has it. @internal
 *
 * @example
 * ```ts
 * const column: LiveColumn = { name: 'id', type: { kind: 'integer', raw: 'integer' }, notNull: true };
 * ```
 */
export interface LiveColumn {
  name: string;
  type: ColumnType;
  notNull: boolean;
}

/**
 * How a dialect reads a source table for a load: its session setup, the catalog facts a load
 * uses, and the rows themselves as decoded batches. Optional members are capabilities a
 * dialect may lack; the load then does without (one partition, no source guarantees). `Tx` is
 * the `Connection` read through (a parameter, as `Connection` imports this file through `Dialect`).
 *
 * @example
 * ```ts
 * await reader.begin(tx, { parallel: false });
 * for await (const batch of reader.read(tx, plan)) process(batch);
 * ```
 * @internal
 */
export interface SourceReader<Tx> {
  /** Prepares a read transaction: exact text output; `parallel` reads share one `snapshot`. */
  begin(tx: Tx, options: { parallel: boolean; snapshot?: string }): Promise<void>;
  /** Exports the transaction's snapshot for `begin` of the other partitions. */
  exportSnapshot?(tx: Tx): Promise<string | undefined>;
  /** Approximate rows of the table (for an ETA), when the catalog knows. */
  estimateRows(tx: Tx, table: TableRef): Promise<number | undefined>;
  /** The values of `column` at `fractions` of the rows within `bounds` (ordered-set quantiles). */
  quantiles?(
    tx: Tx,
    table: TableRef,
    column: string,
    bounds: readonly Bound[],
    fractions: readonly number[],
  ): Promise<string[]>;
  /** The table's live columns, so a load skips checks the database already enforces. */
  liveColumns?(tx: Tx, table: TableRef): Promise<LiveColumn[]>;
  /** The rows within `plan.bounds`, in batches. */
  read(tx: Tx, plan: ReadPlan): AsyncGenerator<SourceBatch>;
}

/**
 * The `where` clause of `bounds` with their parameters, typed where the family needs it.
 *
 * @example
 * ```ts
 * whereBounds(postgresAdapter, [{ column: id, op: '>', value: '10' }]); // { where: ' where "id" > $1::integer', params: ['10'] }
 * ```
 * @internal
 */
export function whereBounds(
  adapter: DialectAdapter,
  bounds: readonly Bound[],
): { where: string; params: string[] } {
  const conditions = bounds.map(
    (b, i) =>
      `${adapter.quoteIdentifier(b.column.name)} ${b.op} ${adapter.typedPlaceholder(i + 1, b.column.sqlType)}`,
  );
  return {
    where: conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '',
    params: bounds.map((b) => b.value),
  };
}
