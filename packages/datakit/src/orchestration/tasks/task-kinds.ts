import type { TaskConfig, TaskKind } from '../../config/pipeline-config.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { customTask } from './custom-task.js';
import { dimensionTask } from './dimension-task.js';
import { qualityTask } from './quality-task.js';
import { sqlTransformTask } from './sql-transform-task.js';
import type { TaskKindDefinition } from './task-kind.js';
import { transferTask } from './transfer-task.js';

/** Every task kind the runner knows, checked in order. */
export const TASK_KINDS: readonly TaskKindDefinition[] = [
  transferTask,
  customTask,
  sqlTransformTask,
  qualityTask,
  dimensionTask,
];

/**
 * The kind of a task config, or a `CONFIG` error naming `where` when it is none.
 *
 * @example
 * ```ts
 * taskKindOf({ transfer: 'customer' }, 'tasks[0]').kind; // 'transfer'
 * ```
 */
export function taskKindOf(task: TaskConfig, where: string): TaskKindDefinition {
  const matching = TASK_KINDS.filter((k) => k.matches(task));
  const [only] = matching;
  if (only && matching.length === 1) return only;
  throw new DatakitError(
    'CONFIG',
    `${where} is ${matching.length ? `both ${matching.map((k) => k.kind).join(' and ')}` : 'no kind of task'}`,
    {
      hint: 'A task has exactly one of `transfer: <name>`, `run: async (ctx) => { … }`, `sqlTransform: <defineSqlTransform(…)>`, `checks: [ … ]` or `dimension: <defineDimension(…)>`.',
      context: { key: where },
    },
  );
}

/**
 * The kind definition of a kind name.
 *
 * @example
 * ```ts
 * taskKind('custom').run(task, ctx, scope);
 * ```
 */
export function taskKind(kind: TaskKind): TaskKindDefinition {
  const found = TASK_KINDS.find((k) => k.kind === kind);
  if (!found) throw new DatakitError('UNSUPPORTED', `Unknown task kind "${kind}"`);
  return found;
}
