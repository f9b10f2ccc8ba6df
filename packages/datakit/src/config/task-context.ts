import type { Connection } from '../dialect/connection.js';
import type { TaskRows } from '../store/runs/run-record.js';

/**
 * The connections a task may use: the environment's warehouse and its source systems. Each opens
 * on first use, belongs to this attempt alone, and is closed when the attempt ends; when the
 * attempt times out or is cancelled its running statements are cancelled and new ones refused.
 *
 * @example
 * ```ts
 * const { rows } = await ctx.connections.warehouse.query('select count(*) as n from bronze.customer');
 * await ctx.connections.sources['system-a']?.query('select 1');
 * ```
 */
export interface TaskConnections {
  readonly warehouse: Connection;
  readonly sources: Readonly<Record<string, Connection>>;
}

/**
 * Writes a task's messages to the run store's event log (and the terminal).
 *
 * @example
 * ```ts
 * ctx.logger.info('refreshed the customer dimension', { rows: 1200 });
 * ```
 */
export interface TaskLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export type { TaskRows };

/**
 * What a task function may return: counts and the load it wrote, recorded on its task run.
 *
 * @example
 * ```ts
 * const result: TaskResult = { rows: { read: 10, loaded: 10, rejected: 0, dropped: 0 } };
 * ```
 */
export interface TaskResult {
  rows?: TaskRows;
  loadId?: string;
}

/**
 * What a custom task receives: its connections, an AbortSignal (timeout or cancellation), a
 * logger, the run's logical time (the schedule tick or backfill date, the same on every re-run)
 * and which run and attempt this is.
 *
 * @example
 * ```ts
 * const refresh = async (ctx: TaskContext) => {
 *   await ctx.connections.warehouse.query('delete from silver.sales where day = $1', [ctx.logicalTime]);
 *   ctx.signal.throwIfAborted();
 * };
 * ```
 */
export interface TaskContext {
  readonly connections: TaskConnections;
  readonly signal: AbortSignal;
  readonly logger: TaskLogger;
  readonly logicalTime: Date;
  readonly task: string;
  readonly run: {
    readonly id: string;
    readonly warehouse: string;
    readonly pipeline: string;
    readonly environment: string;
    readonly attempt: number;
  };
}

/**
 * A custom task's body.
 *
 * @example
 * ```ts
 * const body: TaskFunction = async (ctx) => { await ctx.connections.warehouse.query('select 1'); };
 * ```
 */
export type TaskFunction = (ctx: TaskContext) => Promise<TaskReturn> | TaskReturn;

// biome-ignore lint/suspicious/noConfusingVoidType: a task may return nothing, like `async () => {}`.
type TaskReturn = TaskResult | undefined | void;
