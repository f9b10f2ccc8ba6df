import type { TaskConfig, TransferTaskConfig } from '../../config/pipeline-config.js';
import { resolveTransferTask } from './resolve-transfer-task.js';
import { runTransferTask } from './run-transfer-task.js';
import type { TaskKindDefinition } from './task-kind.js';

const transferOf = (task: TaskConfig) => (task as TransferTaskConfig).transfer;

/**
 * Transfer tasks: run a declared transfer; they read its source table and write its target.
 *
 * @example
 * ```ts
 * transferTask.defaultName({ transfer: 'customer' }); // 'customer'
 * ```
 */
export const transferTask: TaskKindDefinition = {
  kind: 'transfer',
  matches: (task) => 'transfer' in task,
  defaultName: (task) => transferOf(task),
  tables: (task, scope, where) => {
    const resolved = resolveTransferTask(
      scope.warehouse,
      scope.warehouseName,
      transferOf(task),
      scope.tables,
      where,
    );
    return { reads: [resolved.source], writes: [resolved.target] };
  },
  run: (task, ctx, scope) =>
    runTransferTask(
      resolveTransferTask(scope.warehouse, scope.warehouseName, transferOf(task), scope.tables, ctx.task),
      ctx,
      scope.store,
    ),
};
