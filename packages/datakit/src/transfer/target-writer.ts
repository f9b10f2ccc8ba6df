import type { Connection } from '../dialect/connection.js';
import type { SourceBatch } from '../dialect/source-reader.js';
import type { SqlTable } from './dispositions.js';
import type { RejectCollector } from './reject-collector.js';
import type { RowProcessor } from './row-processor.js';

/**
 * What the writer needs besides the connection. @internal
 *
 * @example
 * ```ts
 * await writeWithCopy(tx, { table, processor, batches, constantColumns: ['_load_id'], rejects, flushRejects, flushAt: 5000, batchSize: 1000, onBatch });
 * ```
 */
export interface WriteOptions {
  table: SqlTable;
  processor: RowProcessor;
  batches: AsyncIterable<SourceBatch>;
  /** SQL names of the constant (lineage) columns appended to every row. */
  constantColumns: readonly string[];
  rejects: RejectCollector;
  /** Inserts buffered rejects; only called while no COPY is running on the connection. */
  flushRejects: () => Promise<void>;
  /** Buffered rejects that make the writer pause the COPY to insert them. */
  flushAt: number;
  /** Rows per INSERT statement when the target has no COPY. */
  batchSize: number;
  onBatch: () => void;
}

function columnList(tx: Connection, options: WriteOptions): string[] {
  const names = [...(options.processor.columns ?? []).map((c) => c.name), ...options.constantColumns];
  return names.map((n) => tx.dialect.adapter.quoteIdentifier(n));
}

/**
 * Writes the processed rows with `COPY ... FROM STDIN` in as few COPY statements as possible: one,
 * unless many rejects pile up, in which case the COPY ends, the rejects are inserted and a new
 * COPY continues (all inside the load transaction). Returns the rows written.
 *
 * @example
 * ```ts
 * const written = await writeWithCopy(tx, options);
 * ```
 * @internal
 */
export async function writeWithCopy(tx: Connection, options: WriteOptions): Promise<number> {
  const { processor, rejects } = options;
  const source = options.batches[Symbol.asyncIterator]();
  let exhausted = false;
  let carry = '';
  // COPY needs its column list up front: the first accepted row decides it.
  while (!exhausted && processor.columns === undefined) {
    const next = await source.next();
    if (next.done) exhausted = true;
    else {
      carry += processor.copyText(next.value);
      options.onBatch();
    }
    if (rejects.pending.length >= options.flushAt) await options.flushRejects();
  }
  if (processor.columns === undefined) {
    await options.flushRejects();
    return 0;
  }
  const sql = `copy ${tx.dialect.adapter.quoteTable(options.table)} (${columnList(tx, options).join(', ')}) from stdin`;
  let written = 0;
  async function* segment(): AsyncGenerator<Buffer> {
    if (carry.length > 0) {
      yield Buffer.from(carry);
      carry = '';
    }
    while (rejects.pending.length < options.flushAt) {
      const next = await source.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      const text = processor.copyText(next.value);
      options.onBatch();
      if (text.length > 0) yield Buffer.from(text);
    }
  }
  for (;;) {
    written += await (tx.copyFrom as NonNullable<Connection['copyFrom']>)(sql, segment());
    await options.flushRejects();
    if (exhausted) return written;
  }
}

/**
 * Writes the processed rows as multi-row `INSERT ... VALUES` statements with text parameters
 * (PGlite, or any target without COPY). Returns the rows written.
 *
 * @example
 * ```ts
 * const written = await writeWithInsert(tx, options); // PGlite
 * ```
 * @internal
 */
export async function writeWithInsert(tx: Connection, options: WriteOptions): Promise<number> {
  const { processor, rejects } = options;
  const a = tx.dialect.adapter;
  let params: unknown[] = [];
  let rows = 0;
  let written = 0;
  let perStatement = 0;
  let width = 0;
  let prefix = '';
  const flush = async (count: number) => {
    const values: string[] = [];
    for (let r = 0; r < count; r++)
      values.push(
        `(${Array.from({ length: width }, (_, c) => a.placeholder(r * width + c + 1)).join(', ')})`,
      );
    const taken = params.slice(0, count * width);
    params = params.slice(count * width);
    rows -= count;
    const result = await tx.query(`${prefix} ${values.join(', ')}`, taken);
    written += result.rowCount || count;
  };
  for await (const batch of options.batches) {
    rows += processor.paramRows(batch, params);
    options.onBatch();
    if (processor.columns !== undefined && width === 0) {
      const columns = columnList(tx, options);
      width = columns.length;
      perStatement = Math.max(1, Math.min(options.batchSize, Math.floor(30_000 / width)));
      prefix = `insert into ${a.quoteTable(options.table)} (${columns.join(', ')}) values`;
    }
    while (width > 0 && rows >= perStatement) await flush(perStatement);
    if (rejects.pending.length >= options.flushAt) await options.flushRejects();
  }
  if (rows > 0) await flush(rows);
  await options.flushRejects();
  return written;
}
