import { randomUUID } from 'node:crypto';
import type { TaskContext, TaskResult } from '../../config/task-context.js';
import type { Connection } from '../../dialect/connection.js';
import { recordLoadEnd } from '../../transfer/run-store.js';
import { transfer } from '../../transfer/transfer.js';
import { transferOptionsFor } from '../../warehouse/transfer-options-for.js';
import type { ResolvedTransferTask } from './resolve-transfer-task.js';

/**
 * Runs one transfer task with the library's `transfer()`, on the options the warehouse plan gives
 * it (`transferOptionsFor`), this attempt's connections and the run's logical time. An abort
 * (timeout, cancellation) cancels its statements, so the load rolls back; it is then recorded as
 * failed through `store`. The single seam between the runner and the transfer engine.
 *
 * @example
 * ```ts
 * const result = await runTransferTask(resolveTransferTask(warehouse, 'main', 'customer', tables, 'customer'), ctx, store);
 * result.rows; // { read: 1000, loaded: 998, rejected: 2, dropped: 0 }
 * ```
 */
export async function runTransferTask(
  task: ResolvedTransferTask,
  ctx: TaskContext,
  store: Connection,
): Promise<TaskResult> {
  const loadId = randomUUID();
  const options = transferOptionsFor(
    { warehouse: ctx.run.warehouse, environment: ctx.run.environment },
    task.planned,
    { warehouse: ctx.connections.warehouse, sources: ctx.connections.sources },
    { loadId, logicalTime: ctx.logicalTime, migrateStore: false, signal: ctx.signal },
  );
  try {
    const result = await transfer(options);
    const { read, loaded, rejected, dropped } = result.rows;
    return { rows: { read, loaded, rejected, dropped }, loadId };
  } catch (error) {
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
      await recordLoadEnd(store, loadId, {
        status: 'failed',
        finishedAt: new Date(),
        counts,
        error: reason,
      }).catch(() => {});
    }
    throw error;
  }
}
