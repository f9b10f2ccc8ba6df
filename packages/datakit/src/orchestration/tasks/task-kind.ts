import type { WarehouseConfig } from '../../config/define-config.js';
import type { TaskConfig, TaskKind } from '../../config/pipeline-config.js';
import type { TaskContext, TaskResult } from '../../config/task-context.js';
import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../../store/store-schema.js';
import type { PlacedTable } from '../../warehouse/placed-table.js';
import type { WarehousePlan } from '../../warehouse/plan-warehouse.js';
import type { TransferHooks } from './transfer-hooks.js';

/** What a task kind may look at: the warehouse, and its plan (where every table lives). */
export interface TaskScope {
  warehouse: WarehouseConfig;
  warehouseName: string;
  plan: WarehousePlan;
}

/**
 * What a task kind may use while it runs: also the run store (the warehouse, never aborted), and
 * the run's transfer hooks when its runner gave some.
 */
export interface RunScope extends TaskScope {
  store: Connection;
  storeSchema: StoreSchema;
  transfers?: TransferHooks;
}

/**
 * One kind of task: how to recognise its config, which tables it reads and writes (the edges
 * come from these), and how to run one attempt. SQL transforms and quality checks are further
 * kinds: a file like this one and an entry in `TASK_KINDS`.
 *
 * @example
 * ```ts
 * const kind: TaskKindDefinition = {
 *   kind: 'custom',
 *   matches: (task) => 'run' in task,
 *   defaultName: () => undefined,
 *   tables: () => ({ reads: [], writes: [] }),
 *   run: (task, ctx) => (task as CustomTaskConfig).run(ctx),
 * };
 * ```
 */
export interface TaskKindDefinition {
  readonly kind: TaskKind;
  matches(task: TaskConfig): boolean;
  /** The task's name when its config gives none, if the kind has one (a transfer's name). */
  defaultName(task: TaskConfig): string | undefined;
  /** The tables it reads and writes; throws a `CONFIG` error naming `where` for a bad reference. */
  tables(task: TaskConfig, scope: TaskScope, where: string): { reads: PlacedTable[]; writes: PlacedTable[] };
  /**
   * Tables this task vouches for (a quality task: the tables its checks cover): the other tasks
   * that read one of them, and do not write it, run after this task and not at all when it fails.
   */
  gates?(task: TaskConfig, scope: TaskScope, where: string): PlacedTable[];
  run(task: TaskConfig, ctx: TaskContext, scope: RunScope): Promise<TaskResult | undefined>;
}
