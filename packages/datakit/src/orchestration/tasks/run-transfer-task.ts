import { randomUUID } from 'node:crypto';
import type { Table } from 'drizzle-orm';
import type { Connection } from '../../dialect/connection.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { recordLoadEnd } from '../../transfer/run-store.js';
import { transfer } from '../../transfer/transfer.js';
import type { TransferOptions } from '../../transfer/transfer-options.js';
import type { Transform, TransformFn } from '../../transform/define-transform.js';
import type { TaskContext, TaskResult } from '../task-context.js';
import { inSchema } from './in-schema.js';
import type { ResolvedTransferTask } from './resolve-transfer-task.js';

/**
 * Runs one transfer task with the library's `transfer()`: from the source system's connection of
 * this attempt into the warehouse table's layer schema, at the run's logical time. An abort
 * (timeout, cancellation) cancels its statements, so the load rolls back; it is then recorded as
 * failed through `store`. The single seam between the runner and the transfer engine.
 *
 * @example
 * ```ts
 * const result = await runTransferTask(resolveTransferTask(warehouse, 'customer', tables, 'customer'), ctx, store);
 * result.rows; // { read: 1000, loaded: 998, rejected: 2, dropped: 0 }
 * ```
 */
export async function runTransferTask(
  task: ResolvedTransferTask,
  ctx: TaskContext,
  store: Connection,
): Promise<TaskResult> {
  const { config, source, target } = task;
  const from = ctx.connections.sources[config.from];
  if (!from) {
    throw new DatakitError(
      'CONFIG',
      `Transfer "${task.name}" reads system "${config.from}", which has no connection here`,
      {
        hint: `Give the environment a URL for sources['${config.from}'].`,
        context: { system: config.from },
      },
    );
  }
  const loadId = randomUUID();
  const options: TransferOptions<Table, Table> = {
    ...(config.options ?? {}),
    name: `${ctx.run.warehouse}.${task.name}`,
    loadId,
    from,
    to: inSchema(ctx.connections.warehouse, target.where),
    source: config.source,
    target: config.target,
    disposition:
      config.disposition ?? target.datakit.optionsOf(target.datakitKey).writeDisposition ?? 'append',
    sourceSystem: config.from,
    sourceDatakit: {
      name: source.datakit.name,
      version: source.datakit.version,
      system: source.datakit.system,
    },
    targetDatakit: { name: target.datakit.name, version: target.datakit.version },
    logicalTime: ctx.logicalTime,
    ...transformOf(task),
  };
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

function transformOf(task: ResolvedTransferTask): {
  transform?: Transform<Table, Table> | TransformFn<Table, Table>;
} {
  const t = task.config.transform;
  if (t === undefined) return {};
  if (typeof t === 'function') return { transform: t as TransformFn<Table, Table> };
  if (typeof t === 'object' && t !== null && typeof (t as { fn?: unknown }).fn === 'function')
    return { transform: t as Transform<Table, Table> };
  throw new DatakitError(
    'CONFIG',
    `Transfer "${task.name}" has a transform that is neither a defineTransform result nor a function`,
    {
      hint: 'Use transform: defineTransform(source, target, (row) => ({ ... })).',
      context: { key: `transfers.${task.name}.transform` },
    },
  );
}
