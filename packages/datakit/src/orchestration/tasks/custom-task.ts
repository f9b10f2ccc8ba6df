import type { CustomTaskConfig, TaskConfig } from '../../config/pipeline-config.js';
import type { TaskResult } from '../../config/task-context.js';
import type { TaskKindDefinition } from './task-kind.js';

const custom = (task: TaskConfig) => task as CustomTaskConfig;

/**
 * Custom tasks: an async function with declared `reads` and `writes`.
 *
 * @example
 * ```ts
 * customTask.matches({ name: 'x', run: async () => {} }); // true
 * ```
 */
export const customTask: TaskKindDefinition = {
  kind: 'custom',
  matches: (task) => 'run' in task,
  defaultName: () => undefined,
  tables: (task, scope, where) => ({
    reads: (custom(task).reads ?? []).map((ref, i) =>
      scope.plan.place(ref, undefined, `${where}.reads[${i}]`),
    ),
    writes: (custom(task).writes ?? []).map((ref, i) =>
      scope.plan.place(ref, undefined, `${where}.writes[${i}]`),
    ),
  }),
  run: async (task, ctx) => ((await custom(task).run(ctx)) as TaskResult | undefined) ?? undefined,
};
