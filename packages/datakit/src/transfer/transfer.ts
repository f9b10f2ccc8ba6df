import type { Table } from 'drizzle-orm';
import { compileValidator } from '../contract/compile-validator.js';
import type { TransformContext } from '../contract/define-transform.js';
import { connect, dialectFor } from '../dialect/connect.js';
import type { Connection, Dialect } from '../dialect/connection.js';
import { onSide, stoppedAnswering } from '../dialect/connection-lost-error.js';
import { parseConnectionUrl } from '../dialect/parse-connection-url.js';
import { DatakitError } from '../errors/datakit-error.js';
import { formatNumber } from '../format/format-number.js';
import { ensureStoreCurrent } from '../store/ensure-store-current.js';
import { insertRejects } from '../store/loads/insert-rejects.js';
import { markAbandonedLoads } from '../store/loads/mark-abandoned-loads.js';
import { readCursor } from '../store/loads/read-cursor.js';
import { recordLoadEnd } from '../store/loads/record-load-end.js';
import { recordLoadStart } from '../store/loads/record-load-start.js';
import type { DecodedRow } from '../values/copy-text-decoder.js';
import { checkTransferDrift, type TransferDrift } from './check-transfer-drift.js';
import { completeLoad } from './complete-load.js';
import { prepareTarget, repeatedKeyError } from './dispositions.js';
import { type Extraction, startExtraction } from './extraction.js';
import { startHeartbeat } from './load-heartbeat.js';
import { lockLoadTarget } from './lock-load-target.js';
import { ProgressReporter } from './progress-reporter.js';
import { quarantineValidator } from './quarantine-validator.js';
import { RejectCollector, type RejectContext, rejectRows } from './reject-collector.js';
import { resolveTransfer, type TransferPlan } from './resolve-transfer.js';
import { RowProcessor } from './row-processor.js';
import { rowsPerSecond } from './rows-per-second.js';
import { tableWithoutColumns } from './table-without-columns.js';
import { writeWithCopy, writeWithInsert } from './target-writer.js';
import type { TransferCounts, TransferOptions, TransferResult } from './transfer-options.js';
import { untilAborted } from './until-aborted.js';

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
    if (typeof options.to === 'string')
      assertWarehouse(dialectFor(parseConnectionUrl(options.to).kind), options.to);
    const to = await open(options.to);
    const from = options.from === options.to ? to : await open(options.from);
    return await run(options as unknown as TransferOptions<Table, Table>, from, to);
  } finally {
    await Promise.allSettled(opened.map((c) => c.close()));
  }
}

function assertWarehouse(dialect: Dialect, target: string): void {
  if (!dialect.adapter.supportsWarehouse) {
    throw new DatakitError(
      'UNSUPPORTED',
      `The warehouse must be PostgreSQL or PGlite, not ${dialect.name} (${parseConnectionUrl(target).redacted})`,
      {
        hint: 'Point `to` at a postgres:// or pglite:// URL; MySQL/MariaDB can be a source only.',
      },
    );
  }
}

async function run(
  options: TransferOptions<Table, Table>,
  from: Connection,
  to: Connection,
): Promise<TransferResult> {
  assertWarehouse(to.dialect, to.target);
  const plan = resolveTransfer(options, databaseOf(from));
  await ensureStoreCurrent(to, { migrate: options.migrateStore !== false }, plan.store);
  const drift =
    options.drift === false
      ? undefined
      : await checkTransferDrift(plan, { from, to, drift: options.drift ?? {}, apply: true });
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
    datakit: datakitOf,
  };
  await markAbandonedLoads(to, plan.store);
  await recordLoadStart(
    to,
    {
      ...plan.key,
      loadId: plan.loadId,
      disposition: plan.disposition,
      startedAt: plan.startedAt,
      logicalTime: plan.ctx.logicalTime,
      leaseMs: plan.heartbeatMs * 3,
      ...(plan.cursor ? { cursorColumn: plan.cursor.name } : {}),
      ...(targetDk ? { datakit: targetDk.name, datakitVersion: targetDk.version } : {}),
    },
    plan.store,
  );
  const stopHeartbeat = startHeartbeat(to, plan.loadId, plan.heartbeatMs, plan.store);
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
  options.signal?.throwIfAborted();
  // One session cannot hold a second transaction while the load's is open: read inside it.
  const sameInstance = from === to && !from.dialect.adapter.supportsConcurrentTransactions;
  let extraction: Extraction | undefined;
  try {
    const result = await to.transaction(async (tx) => {
      await lockLoadTarget(
        tx,
        {
          loadId: plan.loadId,
          target: targetName,
          ...(options.lockTimeout === undefined ? {} : { timeoutMs: options.lockTimeout }),
        },
        plan.store,
      );
      // Read under the lock: a concurrent run of the same transfer sees the cursor it committed.
      const last =
        plan.cursor && options.resetCursor !== true
          ? await readCursor(tx, plan.key, plan.cursor.name, plan.store)
          : undefined;
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
      processor = createProcessor(plan, extraction, rejects, options, drift);
      // Only a key the live table enforces (as its primary key) may skip the merge's stage.
      const livePk = drift?.target.live?.primaryKey?.columns ?? [];
      const into = await prepareTarget(tx, plan.disposition, plan.target.ref, {
        keyIsPrimary:
          livePk.length === plan.target.key.length && plan.target.key.every((k) => livePk.includes(k.name)),
      });
      const write = tx.dialect.adapter.supportsCopy && tx.copyFrom ? writeWithCopy : writeWithInsert;
      await write(tx, {
        table: into,
        processor,
        batches: options.signal ? untilAborted(extraction.batches, options.signal) : extraction.batches,
        constantColumns: plan.lineage.names,
        rejects,
        flushRejects: async () => insertRejects(tx, rejectRows(rejectContext, rejects.take()), plan.store),
        flushAt: REJECT_FLUSH_AT,
        batchSize: plan.batchSize,
        onBatch: () => progress.update(counts()),
      }).catch((err: unknown) => {
        throw plan.disposition === 'merge'
          ? repeatedKeyError(
              err,
              plan.target.ref,
              into,
              plan.target.key.map((k) => k.name),
            )
          : err;
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
    await stopHeartbeat();
    progress.finish(result.final, undefined, result.finishedAt.getTime() - plan.startedAt.getTime());
    return succeeded(plan, result, extraction?.partitions ?? 1, rejects, warnings, drift);
  } catch (err) {
    await stopHeartbeat();
    await extraction?.close(err).catch(() => {});
    progress.finish(counts(), `${plan.name}: FAILED after ${formatNumber(counts().read)} rows read`);
    throw await failed(plan, to, err, counts(), rejects, rejectContext);
  }
}

function createProcessor(
  plan: TransferPlan,
  extraction: Extraction,
  rejects: RejectCollector,
  options: TransferOptions<Table, Table>,
  drift: TransferDrift | undefined,
): RowProcessor {
  const sourceDk = options.sourceDatakit;
  const targetDk = options.targetDatakit;
  const datakit = targetDk ? { datakit: targetDk.name, version: targetDk.version } : {};
  // The source check skips what the live columns already guarantee; the target check skips the
  // columns the engine fills (lineage, systime).
  const guaranteed = plan.source.codecs
    .filter((c) => extraction.live.guaranteed.has(c.key))
    .map((c) => c.name);
  const targetTable = tableWithoutColumns(plan.target.table, plan.target.filled);
  const live = drift?.target.outcome === 'quarantine' ? drift.target.live : undefined;
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
    target: live
      ? quarantineValidator(targetTable, live, datakit)
      : compileValidator(targetTable, { mode: 'insert', unknownKeys: 'reject', ...datakit }),
    rejects,
    sourceKey: plan.source.key,
    maxRejectCount: plan.maxRejects.count,
    describeLimit: () => plan.maxRejects.text,
  });
}

function succeeded(
  plan: TransferPlan,
  done: { final: TransferCounts; finishedAt: Date; cursor: Extraction['cursor'] },
  partitions: number,
  rejects: RejectCollector,
  warnings: string[],
  drift: TransferDrift | undefined,
): TransferResult {
  const { final: rows, finishedAt, cursor } = done;
  const durationMs = finishedAt.getTime() - plan.startedAt.getTime();
  return {
    loadId: plan.loadId,
    name: plan.name,
    warehouse: plan.key.warehouse,
    environment: plan.key.environment,
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
    rowsPerSecond: rowsPerSecond(rows.read, durationMs),
    rejects: rejects.first,
    ...(drift
      ? {
          drift: {
            // After evolving, the re-check says ok: report what the policy did.
            source: drift.source.applied.length > 0 ? 'evolve' : drift.source.outcome,
            target: drift.target.applied.length > 0 ? 'evolve' : drift.target.outcome,
            applied: [...drift.source.applied, ...drift.target.applied],
          },
        }
      : {}),
    warnings,
  };
}

async function failed(
  plan: TransferPlan,
  to: Connection,
  caught: unknown,
  counts: TransferCounts,
  rejects: RejectCollector,
  rejectContext: RejectContext,
): Promise<DatakitError> {
  const err = onSide(caught, 'warehouse', to.target);
  const reasons = rejects.first
    .slice(0, 3)
    .map((r) => `  - ${r.message}`)
    .join('\n');
  const base = err instanceof Error ? err.message : String(err);
  const message = `Transfer "${plan.name}" failed, the target is unchanged: ${base}${reasons ? `\nFirst rejects:\n${reasons}` : ''}`;
  // A warehouse that stopped answering cannot take the record: its lease marks the load abandoned.
  if (!stoppedAnswering(err, 'warehouse')) {
    await recordLoadEnd(
      to,
      plan.loadId,
      { status: 'failed', finishedAt: new Date(), counts, error: message },
      plan.store,
    )
      .then(() => insertRejects(to, rejectRows(rejectContext, rejects.first), plan.store))
      .catch(() => {});
  }
  const hint =
    err instanceof DatakitError && err.hint
      ? err.hint
      : 'Fix the cause and run the transfer again: it starts from the same state.';
  const context = err instanceof DatakitError ? { ...err.context } : {};
  // A lost connection stays a CONNECTION error, so a scheduler can tell it worth retrying.
  const code = err instanceof DatakitError && err.code === 'CONNECTION' ? 'CONNECTION' : 'TRANSFER';
  return new DatakitError(code, message, {
    hint,
    context: { table: plan.ctx.source.table, ...context },
    cause: err,
  });
}
