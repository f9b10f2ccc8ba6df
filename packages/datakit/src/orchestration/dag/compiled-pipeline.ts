import type { CatchupMode, PipelineConfig, TaskConfig, TaskKind } from '../../config/pipeline-config.js';
import type { PlacedTable } from '../../warehouse/placed-table.js';
import type { TaskScope } from '../tasks/task-kind.js';

/**
 * A task's retry and timeout settings, defaults applied.
 *
 * @example
 * ```ts
 * const policy: ResolvedPolicy = { retries: 0, retryDelayMs: 1000, maxRetryDelayMs: 300_000, timeoutMs: undefined };
 * ```
 */
export interface ResolvedPolicy {
  retries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  timeoutMs: number | undefined;
}

/**
 * Why one task waits for another: a table the other writes, an explicit `after`, or a table the
 * other (a quality task) gates.
 */
export type EdgeReason = { table: string; gate?: true } | { after: true };

/**
 * A task of a compiled pipeline.
 *
 * @example
 * ```ts
 * const task: CompiledTask = pipeline.byName.get('customer')!;
 * task.upstream.map((i) => pipeline.tasks[i]!.name); // the tasks it waits for
 * ```
 */
export interface CompiledTask {
  index: number;
  name: string;
  kind: TaskKind;
  config: TaskConfig;
  /** The ids (`bronze.customer`, `system-a:customer`) of the tables it reads and writes, as the warehouse plan places them. */
  reads: readonly string[];
  writes: readonly string[];
  /** The ids of the tables it gates: their readers wait for it (quality tasks). */
  gates: readonly string[];
  /** Indexes of the tasks that must succeed first, each with its reason. */
  upstream: readonly number[];
  reasons: readonly EdgeReason[];
  policy: ResolvedPolicy;
}

/**
 * A pipeline checked and turned into a DAG: tasks in declaration order with their upstream
 * tasks, the settings the runner needs and a hash of the definition.
 *
 * @example
 * ```ts
 * const p = compilePipeline(config.warehouses.demo, 'demo', 'nightly');
 * p.tasks.map((t) => [t.name, t.upstream.map((i) => p.tasks[i]!.name)]);
 * ```
 */
export interface CompiledPipeline {
  warehouse: string;
  name: string;
  config: PipelineConfig;
  tasks: readonly CompiledTask[];
  byName: ReadonlyMap<string, CompiledTask>;
  /** sha256 of the definition: tasks, edges, policies, settings and task function sources. */
  hash: string;
  /** The datakits of the warehouse, as runs record them. */
  datakits: readonly { name: string; version: string }[];
  concurrency: number;
  kindConcurrency: Partial<Record<TaskKind, number>>;
  maxActiveRuns: number;
  catchup: CatchupMode;
  scope: TaskScope;
  /** Every table the tasks read or write, by id. */
  tables: ReadonlyMap<string, PlacedTable>;
}
