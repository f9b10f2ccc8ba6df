import type { Table } from 'drizzle-orm';
import { compileValidator } from '../contract/compile-validator.js';
import { connect } from '../dialect/connect.js';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { TransformContext } from '../transform/define-transform.js';
import { completeLoad } from './complete-load.js';
import type { DecodedRow } from './copy-text-decoder.js';
import { prepareTarget } from './dispositions.js';
import { type Extraction, startExtraction } from './extraction.js';
import { ProgressReporter } from './progress-reporter.js';
import { insertRejects, RejectCollector, type RejectContext } from './reject-collector.js';
import { resolveTransfer, type TransferPlan } from './resolve-transfer.js';
import { RowProcessor } from './row-processor.js';
import { ensureRunStore, readCursor, recordLoadEnd, recordLoadStart } from './run-store.js';
import { tableWithoutColumns } from './table-without-columns.js';
import { writeWithCopy, writeWithInsert } from './target-writer.js';
import type { TransferCounts, TransferOptions, TransferResult } from './transfer-options.js';

const REJECT_FLUSH_AT = 5000;

function databaseOf(conn: Connection): string {
  return (
    conn.target
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() || conn.dialect.name
  );
}

function sqlName(table: { schema?: string; name: string }): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}

/**
 * Moves one table: reads the source (COPY text on PostgreSQL, a row stream on MySQL, cursor
 * batches on PGlite), validates each source row against its contract, runs the typed transform,
 * validates the result against the target contract, and writes it (COPY into PostgreSQL, batched
 * INSERTs into PGlite) with the disposition — all in ONE target transaction, so a failed or killed
 * transfer leaves the target as it was. Rejected rows go to `datakit.rejects` with their reason;
 * every load is recorded in `datakit.loads`; an incremental cursor is saved with the data.
 *
 * @example
 * ```ts
 * const result = await transfer({
 *   from: 'postgres://app@crm-db/crm', to: 'postgres://etl@warehouse/dw',
 *   transform: customerToBronze, disposition: 'merge', cursor: 'updated_at', maxRejects: 0.01,
 * });
 * result.rows; // { read: 1000, loaded: 998, rejected: 2, dropped: 0, inserted: 40, updated: 12, unchanged: 946, closed: 0 }
 * ```
 */
export async function transfer<S extends Table, T extends Table>(
  options: TransferOptions<S, T>,
): Promise<TransferResult> {
  const opened: Connection[] = [];
  const open = async (c: Connection | string) => {
    if (typeof c !== 'string') return c;
    const conn = await connect(c);
    opened.push(conn);
    return conn;
  };
  try {
    const to = await open(options.to);
    const from = options.from === options.to ? to : await open(options.from);
    return await run(options as unknown as TransferOptions<Table, Table>, from, to);
  } finally {
    await Promise.allSettled(opened.map((c) => c.close()));
  }
}

async function run(
  options: TransferOptions<Table, Table>,
  from: Connection,
  to: Connection,
): Promise<TransferResult> {
  const plan = resolveTransfer(options, databaseOf(from));
  if (to.dialect.adapter.family !== 'postgresql') {
    throw new DatakitError(
      'UNSUPPORTED',
      `The warehouse must be PostgreSQL or PGlite, not ${to.dialect.name}`,
      {
        hint: 'Point `to` at a postgres:// or pglite:// URL; MySQL/MariaDB can be a source only.',
      },
    );
  }
  const rejectsTable = options.rejectsTable ?? { schema: 'datakit', name: 'rejects' };
  await ensureRunStore(to, rejectsTable);
  const targetName = sqlName(plan.target.ref);
  const sourceDk = options.sourceDatakit;
  const targetDk = options.targetDatakit;
  const datakitOf = (stage: 'source' | 'transform' | 'target') => {
    const dk = stage === 'target' ? targetDk : sourceDk;
    return dk ? { name: dk.name, version: dk.version } : {};
  };
  const rejectContext: RejectContext = {
    loadId: plan.loadId,
    sourceTable: plan.ctx.source.table,
    targetTable: targetName,
    table: rejectsTable,
    datakit: datakitOf,
  };
  const last = plan.cursor ? await readCursor(to, plan.name) : undefined;
  await recordLoadStart(to, {
    loadId: plan.loadId,
    name: plan.name,
    sourceSystem: plan.source.system,
    sourceTable: plan.ctx.source.table,
    targetTable: targetName,
    disposition: plan.disposition,
    startedAt: plan.startedAt,
    logicalTime: plan.ctx.logicalTime,
    ...(plan.cursor ? { cursorColumn: plan.cursor.name } : {}),
    ...(targetDk ? { datakit: targetDk.name, datakitVersion: targetDk.version } : {}),
  });
  const rejects = new RejectCollector();
  const warnings: string[] = [];
  let processor: RowProcessor | undefined;
  const progress = new ProgressReporter({
    name: plan.name,
    terminal: options.progress === true,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const counts = (): TransferCounts => ({
    read: processor?.read ?? 0,
    loaded: processor?.loaded ?? 0,
    rejected: rejects.count,
    dropped: processor?.dropped ?? 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    closed: 0,
  });
  const sameInstance = from === to && from.dialect.name === 'pglite';
  let extraction: Extraction | undefined;
  try {
    const result = await to.transaction(async (tx) => {
      extraction = await startExtraction({
        source: from,
        ...(sameInstance ? { via: tx } : {}),
        table: plan.source.ref,
        codecs: plan.source.codecs,
        ...(plan.cursor ? { cursor: { codec: plan.cursor, last } } : {}),
        partitions: plan.partitions,
        ...(plan.source.key.length === 1 ? { key: plan.source.key[0] } : {}),
        batchSize: plan.batchSize,
        ...(options.zeroDates ? { zeroDates: options.zeroDates } : {}),
      });
      progress.estimate = extraction.estimate;
      processor = createProcessor(plan, extraction, rejects, options);
      const into = await prepareTarget(tx, plan.disposition, plan.target.ref);
      const write = tx.dialect.adapter.supportsCopy && tx.copyFrom ? writeWithCopy : writeWithInsert;
      await write(tx, {
        table: into,
        processor,
        batches: extraction.batches,
        constantColumns: plan.lineage.names,
        rejects,
        flushRejects: async () => insertRejects(tx, rejectContext, rejects.take()),
        flushAt: REJECT_FLUSH_AT,
        batchSize: plan.batchSize,
        onBatch: () => progress.update(counts()),
      });
      const { final, finishedAt, cursor } = await completeLoad(tx, {
        plan,
        processor,
        rejects,
        extraction,
        into,
        warnings,
      });
      await extraction.close();
      return { final, finishedAt, cursor };
    });
    progress.finish(result.final);
    return succeeded(
      plan,
      result.final,
      result.finishedAt,
      extraction?.partitions ?? 1,
      rejects,
      result.cursor,
      warnings,
    );
  } catch (err) {
    await extraction?.close(err).catch(() => {});
    progress.finish(
      counts(),
      `${plan.name}: FAILED after ${counts().read.toLocaleString('en-US')} rows read`,
    );
    throw await failed(plan, to, err, counts(), rejects, rejectContext);
  }
}

function createProcessor(
  plan: TransferPlan,
  extraction: Extraction,
  rejects: RejectCollector,
  options: TransferOptions<Table, Table>,
): RowProcessor {
  const sourceDk = options.sourceDatakit;
  const targetDk = options.targetDatakit;
  // The source check skips what the live columns already guarantee; the target check skips the
  // columns the engine fills (lineage, systime).
  const guaranteed = plan.source.codecs
    .filter((c) => extraction.live.guaranteed.has(c.key))
    .map((c) => c.name);
  return new RowProcessor({
    sourceCodecs: plan.source.codecs,
    targetCodecs: plan.target.written,
    constants: plan.lineage.text,
    fn: plan.fn as (row: DecodedRow, ctx: TransformContext) => unknown,
    ctx: plan.ctx,
    source: compileValidator(tableWithoutColumns(plan.source.table, guaranteed), {
      mode: 'select',
      ...(sourceDk ? { datakit: sourceDk.name, version: sourceDk.version } : {}),
    }),
    target: compileValidator(tableWithoutColumns(plan.target.table, plan.target.filled), {
      mode: 'insert',
      unknownKeys: 'reject',
      ...(targetDk ? { datakit: targetDk.name, version: targetDk.version } : {}),
    }),
    rejects,
    sourceKey: plan.source.key,
    maxRejectCount: plan.maxRejects.count,
    describeLimit: () => plan.maxRejects.text,
  });
}

function succeeded(
  plan: TransferPlan,
  rows: TransferCounts,
  finishedAt: Date,
  partitions: number,
  rejects: RejectCollector,
  cursor: Extraction['cursor'],
  warnings: string[],
): TransferResult {
  const durationMs = finishedAt.getTime() - plan.startedAt.getTime();
  return {
    loadId: plan.loadId,
    name: plan.name,
    status: 'succeeded',
    source: plan.ctx.source,
    target: sqlName(plan.target.ref),
    disposition: plan.disposition,
    rows,
    ...(plan.cursor && cursor
      ? { cursor: { column: plan.cursor.name, from: cursor.from, to: cursor.to } }
      : {}),
    partitions,
    startedAt: plan.startedAt,
    finishedAt,
    durationMs,
    rowsPerSecond: durationMs > 0 ? (rows.read * 1000) / durationMs : rows.read,
    rejects: rejects.first,
    warnings,
  };
}

async function failed(
  plan: TransferPlan,
  to: Connection,
  err: unknown,
  counts: TransferCounts,
  rejects: RejectCollector,
  rejectContext: RejectContext,
): Promise<DatakitError> {
  const reasons = rejects.first
    .slice(0, 3)
    .map((r) => `  - ${r.message}`)
    .join('\n');
  const base = err instanceof Error ? err.message : String(err);
  const message = `Transfer "${plan.name}" failed, the target is unchanged: ${base}${reasons ? `\nFirst rejects:\n${reasons}` : ''}`;
  await recordLoadEnd(to, plan.loadId, { status: 'failed', finishedAt: new Date(), counts, error: message })
    .then(() => insertRejects(to, rejectContext, rejects.first))
    .catch(() => {});
  const hint =
    err instanceof DatakitError && err.hint
      ? err.hint
      : 'Fix the cause and run the transfer again: it starts from the same state.';
  const context = err instanceof DatakitError ? { ...err.context } : {};
  return new DatakitError('TRANSFER', message, {
    hint,
    context: { table: plan.ctx.source.table, ...context },
    cause: err,
  });
}
