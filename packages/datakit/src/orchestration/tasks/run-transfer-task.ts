import { randomUUID } from 'node:crypto';
import type { TaskContext, TaskResult } from '../../config/task-context.js';
import type { Connection } from '../../dialect/connection.js';
import { recordLoadEnd } from '../../store/loads/record-load-end.js';
import type { StoreSchema } from '../../store/store-schema.js';
import { transfer } from '../../transfer/transfer.js';
import type { PlannedTransfer } from '../../warehouse/plan-transfers.js';
import { transferOptionsFor } from '../../warehouse/transfer-options-for.js';
import type { TransferHooks } from './transfer-hooks.js';

/**
 * Runs one transfer task with the library's `transfer()`, on the options the warehouse plan gives
 * it (`transferOptionsFor`), this attempt's connections and the run's logical time, plus the
 * run's transfer hooks (`datakit transfer`'s progress and cursor reset; each end reported). An
 * abort (timeout, cancellation) cancels its statements, so the load rolls back; it is then
 * recorded as failed through `store` (its schema compiled as `storeSchema`). The single seam
 * between the runner and the transfer engine.
 *
 * @example
 * ```ts
 * const result = await runTransferTask(plan.transfer('customer', 'tasks[0]'), ctx, { store, storeSchema });
 * result.rows; // { read: 1000, loaded: 998, rejected: 2, dropped: 0 }
 * ```
 */
export async function runTransferTask(
  planned: PlannedTransfer,
  ctx: TaskContext,
  scope: { store: Connection; storeSchema: StoreSchema; transfers?: TransferHooks },
): Promise<TaskResult> {
  const loadId = randomUUID();
  const hooks = scope.transfers;
  const options = transferOptionsFor(
    { warehouse: ctx.run.warehouse, environment: ctx.run.environment },
    planned,
    { warehouse: ctx.connections.warehouse, sources: ctx.connections.sources },
    {
      ...hooks?.options,
      loadId,
      logicalTime: ctx.logicalTime,
      migrateStore: false,
      storeSchema: scope.storeSchema,
      signal: ctx.signal,
    },
  );
  try {
    const result = await transfer(options);
    hooks?.onEnd?.(ctx.task, { result });
    const { read, loaded, rejected, dropped } = result.rows;
    return { rows: { read, loaded, rejected, dropped }, loadId };
  } catch (error) {
    hooks?.onEnd?.(ctx.task, { error });
    if (ctx.signal.aborted) {
      const counts = {
        read: 0,
        loaded: 0,
        rejected: 0,
        dropped: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        closed: 0,
      };
      const reason = ctx.signal.reason instanceof Error ? ctx.signal.reason.message : 'aborted';
      await recordLoadEnd(
        scope.store,
        loadId,
        { status: 'failed', finishedAt: new Date(), counts, error: reason },
        scope.storeSchema,
      ).catch(() => {});
    }
    throw error;
  }
}
