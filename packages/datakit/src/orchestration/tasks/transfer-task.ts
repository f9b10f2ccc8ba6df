import type { TaskConfig, TransferTaskConfig } from '../../config/pipeline-config.js';
import { runTransferTask } from './run-transfer-task.js';
import type { TaskKindDefinition } from './task-kind.js';

const transferOf = (task: TaskConfig) => (task as TransferTaskConfig).transfer;

/**
 * Transfer tasks: run a declared transfer. They read its source table and write its target; a
 * target whose foreign keys reference other tables (silver, gold) also reads those parents, so
 * the tasks that write the parents run first.
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
    const planned = scope.plan.transfer(transferOf(task), where);
    return { reads: [planned.source, ...scope.plan.references(planned.target)], writes: [planned.target] };
  },
  run: (task, ctx, scope) => runTransferTask(scope.plan.transfer(transferOf(task), ctx.task), ctx, scope),
};
