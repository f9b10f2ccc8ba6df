import type { Table } from 'drizzle-orm';
import type { Scd2Dimension } from '../gold/define-dimension.js';
import type { QualityCheck } from '../quality/quality-check.js';
import type { SqlTransform } from '../sql-transform/define-sql-transform.js';
import type { TaskKind } from '../store/runs/run-record.js';
import type { TaskFunction } from './task-context.js';

export type { TaskKind };

/**
 * The warehouse layers a table reference may name.
 *
 * @example
 * ```ts
 * const ref = { layer: 'silver' as TableLayer, table: bronze.tables.customer };
 * ```
 */
export type TableLayer = 'bronze' | 'silver' | 'gold';

/**
 * A table a task reads or writes: a Drizzle table of the warehouse's layers or sources, or
 * `{ layer, table }` when the same table sits in several layers (e.g. bronze and silver).
 *
 * @example
 * ```ts
 * const reads: TaskTableRef[] = [bronze.tables.customer, { layer: 'silver', table: bronze.tables.customer }];
 * ```
 */
export type TaskTableRef = Table | { readonly layer: TableLayer; readonly table: Table };

/**
 * Retries and timeout of a task; a pipeline's `defaults` apply to tasks that say nothing.
 *
 * @example
 * ```ts
 * const policy: TaskPolicy = { retries: 3, retryDelayMs: 1000, maxRetryDelayMs: 60_000, timeoutMs: 600_000 };
 * ```
 */
export interface TaskPolicy {
  /** Attempts after the first one that failed (default 0). */
  retries?: number;
  /** Delay before the first retry; it doubles on each further retry, with jitter (default 1000). */
  retryDelayMs?: number;
  /** Upper bound of a retry delay (default 300,000). */
  maxRetryDelayMs?: number;
  /** An attempt is aborted (its statements cancelled) after this long; it may then be retried. */
  timeoutMs?: number;
}

/**
 * A task that runs one of the warehouse's declared transfers. It reads the transfer's source
 * table and writes its target, which gives the pipeline its edges.
 *
 * @example
 * ```ts
 * const task: TransferTaskConfig = { transfer: 'customer', retries: 2 };
 * ```
 */
export interface TransferTaskConfig<TransferName extends string = string> extends TaskPolicy {
  /** A key of the warehouse's `transfers`. */
  transfer: TransferName;
  /** The task's name (default: the transfer's name). */
  name?: string;
  /** Tasks that must succeed first, besides those derived from the tables. */
  after?: readonly string[];
}

/**
 * A task that runs an async function, declaring the tables it reads and writes so that it runs
 * after their writers and before their readers.
 *
 * @example
 * ```ts
 * const task: CustomTaskConfig = {
 *   name: 'refresh-customer-stats',
 *   reads: [bronze.tables.customer],
 *   run: async (ctx) => { await ctx.connections.warehouse.query('refresh materialized view stats'); },
 * };
 * ```
 */
export interface CustomTaskConfig<Ref = TaskTableRef> extends TaskPolicy {
  name: string;
  run: TaskFunction;
  reads?: readonly Ref[];
  writes?: readonly Ref[];
  after?: readonly string[];
}

/**
 * A task that runs a `defineSqlTransform(...)` inside the warehouse. It reads the transform's
 * `from` and joined tables and writes its target, which gives the pipeline its edges.
 *
 * @example
 * ```ts
 * const task: SqlTaskConfig = { sqlTransform: silverCustomer, name: 'silver-customer' };
 * ```
 */
export interface SqlTaskConfig extends TaskPolicy {
  sqlTransform: SqlTransform;
  /** The task's name (default: the transform's name, e.g. `silver.customer`). */
  name?: string;
  after?: readonly string[];
}

/**
 * A task that runs quality checks (`runChecks`) and records every result in the run store. It
 * reads the checked tables, so it runs after their writers; every other task that reads a table
 * its checks cover runs after it. A check in `error` fails the task, so those tasks (and the
 * tasks after them) do not run; `warn` is recorded only.
 *
 * @example
 * ```ts
 * const task: QualityTaskConfig = { name: 'check-silver', checks: contractChecks(inLayer(customer, 'silver')) };
 * ```
 */
export interface QualityTaskConfig extends TaskPolicy {
  name: string;
  checks: readonly QualityCheck[];
  after?: readonly string[];
}

/**
 * The Drizzle tables of the layers a pipeline's table references name (`Table` when unchecked).
 *
 * @example
 * ```ts
 * type GoldOrSilver = LayerTableOf<{ layer: 'gold'; table: typeof dimCustomer } | typeof customer>; // typeof dimCustomer
 * ```
 */
export type LayerTableOf<Ref> = Ref extends {
  readonly layer: TableLayer;
  readonly table: infer T extends Table;
}
  ? T
  : never;

/**
 * A task that runs an SCD2 dimension (`defineDimension(...)`) at the run's logical time. It reads
 * the dimension's source tables and writes the dimension, which gives the pipeline its edges;
 * `defineConfig` rejects a dimension whose table is in none of the warehouse's layers.
 *
 * @example
 * ```ts
 * const task: DimensionTaskConfig = { dimension: customerDimension, retries: 1 };
 * ```
 */
export interface DimensionTaskConfig<Ref = TaskTableRef> extends TaskPolicy {
  dimension: Scd2Dimension<LayerTableOf<Ref>>;
  /** The task's name (default: the dimension's name, e.g. `gold.dim_customer`). */
  name?: string;
  after?: readonly string[];
}

/**
 * One task of a pipeline.
 *
 * @example
 * ```ts
 * const tasks: TaskConfig[] = [{ transfer: 'customer' }, { name: 'notify', after: ['customer'], run: async () => {} }];
 * ```
 */
export type TaskConfig<Ref = TaskTableRef, TransferName extends string = string> =
  | TransferTaskConfig<TransferName>
  | CustomTaskConfig<Ref>
  | SqlTaskConfig
  | QualityTaskConfig
  | DimensionTaskConfig<Ref>;

/**
 * What a scheduler does with ticks missed while no scheduler ran: run all, the latest only, or none.
 *
 * @example
 * ```ts
 * const catchup: CatchupMode = 'latest';
 * ```
 */
export type CatchupMode = 'all' | 'latest' | 'none';

/**
 * A pipeline: a DAG of tasks, optionally on a cron schedule.
 *
 * @example
 * ```ts
 * const nightly: PipelineConfig = {
 *   schedule: '0 2 * * *', timezone: 'Europe/Amsterdam', catchup: 'latest',
 *   concurrency: 4, kindConcurrency: { transfer: 2 },
 *   tasks: [{ transfer: 'customer' }, { transfer: 'order' }],
 * };
 * ```
 */
export interface PipelineConfig<Ref = TaskTableRef, TransferName extends string = string> {
  /** A cron expression (5 or 6 fields, croner syntax) for `datakit schedule`. */
  schedule?: string;
  /** The IANA time zone the schedule is read in (default UTC); DST is handled. */
  timezone?: string;
  /** Missed ticks when a scheduler starts (default `latest`). */
  catchup?: CatchupMode;
  /** Runs of this pipeline per environment at once (default 1). */
  maxActiveRuns?: number;
  /** Tasks of one run at once (default 4). */
  concurrency?: number;
  /** Tasks of one kind at once within a run, e.g. `{ transfer: 2 }`. */
  kindConcurrency?: Partial<Record<TaskKind, number>>;
  /** Retry and timeout defaults of every task. */
  defaults?: TaskPolicy;
  tasks: readonly TaskConfig<Ref, TransferName>[];
}
