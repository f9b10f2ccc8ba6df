import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import { recordLoadEnd } from '../store/loads/record-load-end.js';
import { saveCursor } from '../store/loads/save-cursor.js';
import { finishTarget, type SqlTable } from './dispositions.js';
import type { Extraction } from './extraction.js';
import type { RejectCollector } from './reject-collector.js';
import type { TransferPlan } from './resolve-transfer.js';
import type { RowProcessor } from './row-processor.js';
import type { TransferCounts } from './transfer-options.js';

/** The state of a load whose rows are all written (to the target or its stage). @internal */
export interface WrittenLoad {
  plan: TransferPlan;
  processor: RowProcessor;
  rejects: RejectCollector;
  extraction: Extraction;
  /** Where the rows went: the target, or the stage of merge/history. */
  into: SqlTable;
  warnings: string[];
}

/**
 * The end of a load, inside its transaction: the reject-fraction limit, the disposition's SQL
 * (merge/history), the cursor and the `succeeded` load record, so all of them commit with the data.
 *
 * @example
 * ```ts
 * const { final } = await completeLoad(tx, { plan, processor, rejects, extraction, into, warnings });
 * ```
 * @internal
 */
export async function completeLoad(
  tx: Connection,
  load: WrittenLoad,
): Promise<{ final: TransferCounts; finishedAt: Date; cursor: Extraction['cursor'] }> {
  const { plan, processor, rejects, extraction, into, warnings } = load;
  const { fraction } = plan.maxRejects;
  if (fraction !== undefined && processor.read > 0 && rejects.count / processor.read > fraction) {
    throw new DatakitError(
      'TRANSFER',
      `Too many rejected rows: ${rejects.count} of ${processor.read} read ${plan.maxRejects.text}`,
      {
        hint: `Fix the reasons below (the first ones are stored: datakit rejects --load ${plan.loadId}), or raise maxRejects.`,
      },
    );
  }
  const written = processor.columns ?? [];
  const missingKey = processor.columns ? plan.target.key.find((k) => !written.includes(k)) : undefined;
  if (missingKey) {
    throw new DatakitError(
      'TRANSFER',
      `The transform leaves out the ${plan.disposition} key column "${missingKey.name}"`,
      {
        hint: `Set ${missingKey.key} on every row: ${plan.disposition} matches rows by it.`,
        context: { table: plan.target.ref.name, column: missingKey.name },
      },
    );
  }
  // A rejected row is not a deleted row: without every key, history cannot tell which are gone.
  const detectDeletes = plan.detectDeletes && rejects.count === 0;
  if (plan.disposition === 'history' && plan.detectDeletes && !detectDeletes) {
    warnings.push(
      `${rejects.count} rows were rejected, so keys missing from this load were not closed as deleted`,
    );
  }
  const stats = await finishTarget(
    tx,
    plan.disposition,
    plan.target.ref,
    into,
    {
      written: [...written.map((c) => c.name), ...plan.lineage.names],
      key: plan.target.key.map((c) => c.name),
      lineage: plan.lineage.names,
      castForCompare: new Map(
        written.filter((c) => /^jsonb?$/.test(c.sqlType)).map((c) => [c.name, '::jsonb']),
      ),
    },
    { at: plan.ctx.logicalTime, detectDeletes, staged: processor.loaded },
  );
  const final: TransferCounts = {
    read: processor.read,
    loaded: processor.loaded,
    rejected: rejects.count,
    dropped: processor.dropped,
    ...stats,
  };
  if (plan.disposition === 'append' || plan.disposition === 'replace') final.inserted = processor.loaded;
  const cursor = extraction.cursor;
  if (plan.cursor && cursor) {
    await saveCursor(
      tx,
      plan.key,
      { column: plan.cursor.name, value: cursor.to, loadId: plan.loadId },
      plan.store,
    );
  }
  const finishedAt = new Date();
  await recordLoadEnd(
    tx,
    plan.loadId,
    {
      status: 'succeeded',
      finishedAt,
      counts: final,
      ...(cursor ? { cursorFrom: cursor.from, cursorTo: cursor.to } : {}),
    },
    plan.store,
  );
  return { final, finishedAt, cursor };
}
