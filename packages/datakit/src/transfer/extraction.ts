import type { Connection } from '../dialect/connection.js';
import { onSide } from '../dialect/connection-lost-error.js';
import type { SourceBatch } from '../dialect/source-reader.js';
import { type Bound, type ReadPlan, whereBounds } from '../dialect/source-reader.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { ColumnCodec } from '../values/column-codec.js';
import type { ZeroDates } from '../values/unreadable-value.js';
import { type HeldTransaction, holdTransaction } from './hold-transaction.js';
import { keyRanges } from './key-ranges.js';
import { type LiveColumns, liveColumns } from './live-columns.js';
import { mergeAsync } from './merge-async.js';

/**
 * What to extract. @internal
 *
 * @example
 * ```ts
 * const options: ExtractionOptions = { source, table: { name: 'orders' }, codecs, partitions: 4, key: idCodec, batchSize: 1000 };
 * ```
 */
export interface ExtractionOptions {
  source: Connection;
  /** Read inside this transaction instead (the source is the target's own PGlite instance). */
  via?: Connection;
  table: ReadPlan['table'];
  codecs: readonly ColumnCodec[];
  /** Incremental: the cursor column and the value saved by the last load. */
  cursor?: { codec: ColumnCodec; last: string | null | undefined };
  partitions: number;
  /** The single-column key to split partitions on. */
  key?: ColumnCodec;
  batchSize: number;
  zeroDates?: ZeroDates;
}

/**
 * A running extraction: merged batches, the cursor window, a row estimate. @internal
 *
 * @example
 * ```ts
 * for await (const batch of extraction.batches) process(batch);
 * await extraction.close();
 * ```
 */
export interface Extraction {
  batches: AsyncIterable<SourceBatch>;
  /** The cursor window `(from, to]` read by this load; `to` is saved as the next `from`. */
  cursor?: { from: string | null; to: string | null };
  /** Approximate source rows (for ETA), when the catalog knows. */
  estimate?: number;
  /** What the live source columns guarantee (PostgreSQL family). */
  live: LiveColumns;
  partitions: number;
  /** Ends the source transactions (rolled back when `error` is given). */
  close(error?: unknown): Promise<void>;
}

async function maxCursor(
  tx: Connection,
  table: ReadPlan['table'],
  codec: ColumnCodec,
  last: string | null | undefined,
): Promise<string | null> {
  const a = tx.dialect.adapter;
  const { where, params } = whereBounds(a, last == null ? [] : [{ column: codec, op: '>', value: last }]);
  const { rows } = await tx.query<{ hi: string | null }>(
    `select ${a.castToText(`max(${a.quoteIdentifier(codec.name)})`)} as hi from ${a.quoteTable(table)}${where}`,
    params,
  );
  return rows[0]?.hi ?? null;
}

async function estimateRows(tx: Connection, table: ReadPlan['table']): Promise<number | undefined> {
  try {
    return await tx.dialect.reader.estimateRows(tx, table);
  } catch {
    return undefined;
  }
}

/** Tags a lost connection while reading as the source's, before it travels through the target's COPY. */
async function* sourceSide<T>(reader: AsyncIterable<T>, target: string): AsyncGenerator<T> {
  try {
    yield* reader;
  } catch (err) {
    throw onSide(err, 'source', target);
  }
}

/**
 * Starts reading the source: one transaction (REPEATABLE READ and a shared exported snapshot when
 * partitioned on PostgreSQL, so every partition sees the same data), the incremental window, and
 * one reader per key range, merged.
 *
 * @example
 * ```ts
 * const extraction = await startExtraction({ source, table: { name: 'orders' }, codecs, partitions: 1, batchSize: 1000 });
 * ```
 * @internal
 */
export async function startExtraction(options: ExtractionOptions): Promise<Extraction> {
  const held: HeldTransaction[] = [];
  let merged: AsyncGenerator<SourceBatch> | undefined;
  const close = async (error?: unknown) => {
    // Readers stopped halfway must finish their statement before their transaction can end.
    await merged?.return(undefined).catch(() => {});
    const results = await Promise.allSettled(held.map((h) => h.end(error)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed && error === undefined) throw onSide(failed.reason, 'source', options.source.target);
  };
  try {
    const reader = options.source.dialect.reader;
    const embedded =
      options.via !== undefined || !options.source.dialect.adapter.supportsConcurrentTransactions;
    let partitions = embedded || !options.key ? 1 : options.partitions;
    let main: Connection;
    if (options.via) {
      main = options.via;
      await reader.begin(main, { parallel: false });
    } else {
      const first = await holdTransaction(options.source);
      held.push(first);
      main = first.tx;
      await reader.begin(main, { parallel: partitions > 1 });
    }
    const bounds: Bound[] = [];
    let cursor: Extraction['cursor'];
    if (options.cursor) {
      const { codec, last } = options.cursor;
      const to = await maxCursor(main, options.table, codec, last);
      cursor = { from: last ?? null, to: to ?? last ?? null };
      if (to === null)
        return {
          batches: (async function* () {})(),
          cursor,
          partitions: 1,
          live: { integerText: new Set(), guaranteed: new Set() },
          close,
        };
      if (last != null) bounds.push({ column: codec, op: '>', value: last });
      bounds.push({ column: codec, op: '<=', value: to });
    }
    const estimate = options.cursor ? undefined : await estimateRows(main, options.table);
    const live = await liveColumns(main, options.table, options.codecs);
    const plan = (extra: readonly Bound[]): ReadPlan => ({
      table: options.table,
      codecs: options.codecs,
      bounds: [...bounds, ...extra],
      batchSize: options.batchSize,
      integerText: live.integerText,
      ...(options.zeroDates ? { zeroDates: options.zeroDates } : {}),
    });
    const ranges =
      partitions > 1 && options.key
        ? await keyRanges(main, options.table, options.key, bounds, partitions)
        : [[]];
    partitions = ranges.length;
    const connections = [main];
    if (partitions > 1) {
      const snapshot = await reader.exportSnapshot?.(main);
      for (let i = 1; i < partitions; i++) {
        const more = await holdTransaction(options.source);
        held.push(more);
        await reader.begin(more.tx, { parallel: true, ...(snapshot ? { snapshot } : {}) });
        connections.push(more.tx);
      }
    }
    const target = options.source.target;
    const readers = ranges.map((range, i) =>
      sourceSide(reader.read(connections[i] as Connection, plan(range)), target),
    );
    merged = mergeAsync(readers);
    return {
      batches: merged,
      ...(cursor ? { cursor } : {}),
      ...(estimate === undefined ? {} : { estimate }),
      live,
      partitions,
      close,
    };
  } catch (caught) {
    await close(caught).catch(() => {});
    const err = onSide(caught, 'source', options.source.target);
    if (err instanceof DatakitError) throw err;
    throw new DatakitError(
      'TRANSFER',
      `Cannot start reading "${options.table.name}": ${err instanceof Error ? err.message : String(err)}`,
      {
        hint: 'Check that the source table and columns exist as the contract says (datakit drift).',
        context: { table: options.table.name },
        cause: err,
      },
    );
  }
}
