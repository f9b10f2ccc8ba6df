/**
 * The kinds of task a pipeline runs: transfers, custom functions, SQL transforms, quality checks
 * and SCD2 dimensions.
 *
 * @example
 * ```ts
 * const limits: Partial<Record<TaskKind, number>> = { transfer: 2, dimension: 1 };
 * ```
 */
export type TaskKind = 'transfer' | 'custom' | 'sql' | 'quality' | 'dimension';

/**
 * Row counts a task reports; a transfer task fills them from its load.
 *
 * @example
 * ```ts
 * const rows: TaskRows = { read: 10, loaded: 9, rejected: 1, dropped: 0 };
 * ```
 */
export interface TaskRows {
  read: number;
  loaded: number;
  rejected: number;
  dropped: number;
}

/**
 * What started a run: `datakit run` (manual), the scheduler, a backfill, or `datakit transfer`.
 *
 * @example
 * ```ts
 * const trigger: RunTrigger = 'schedule';
 * ```
 */
export type RunTrigger = 'manual' | 'schedule' | 'backfill' | 'transfer';
/**
 * A run's state; `abandoned` when the process running it stopped without ending it.
 *
 * @example
 * ```ts
 * const done = (state: RunState) => state === 'succeeded' || state === 'failed';
 * ```
 */
export type RunState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'abandoned';
/**
 * A task run's state; `upstream_failed` and `cancelled` tasks did not run.
 *
 * @example
 * ```ts
 * const rerun = (state: TaskState) => state !== 'succeeded';
 * ```
 */
export type TaskState =
  | 'pending'
  | 'running'
  | 'up_for_retry'
  | 'succeeded'
  | 'failed'
  | 'upstream_failed'
  | 'cancelled'
  | 'abandoned';

/**
 * The pipeline a run belongs to, in one environment: at most `maxActiveRuns` of these run at once.
 *
 * @example
 * ```ts
 * const key: RunKey = { warehouse: 'demo', pipeline: 'nightly', environment: 'prod' };
 * ```
 */
export interface RunKey {
  warehouse: string;
  pipeline: string;
  environment: string;
}

/**
 * A row of `datakit.runs`.
 *
 * @example
 * ```ts
 * const run: RunRecord = await getRun(store, '42');
 * ```
 */
export interface RunRecord extends RunKey {
  id: string;
  logicalTime: Date;
  trigger: RunTrigger;
  state: RunState;
  definitionHash: string;
  datakits: { name: string; version: string }[];
  owner: string | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  error: string | null;
}

/**
 * A row of `datakit.task_runs`: one per task of a run, across its attempts.
 *
 * @example
 * ```ts
 * const failed = tasks.filter((t: TaskRunRecord) => t.state === 'failed');
 * ```
 */
export interface TaskRunRecord {
  id: string;
  runId: string;
  task: string;
  kind: TaskKind;
  state: TaskState;
  attempt: number;
  maxAttempts: number;
  owner: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  error: string | null;
  errorCode: string | null;
  rows: TaskRows | null;
  loadId: string | null;
}

const date = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * A `datakit.runs` row as the driver returns it, typed. @internal
 *
 * @example
 * ```ts
 * const run = runFromRow(rows[0]);
 * ```
 */
export function runFromRow(row: Record<string, unknown>): RunRecord {
  return {
    id: String(row.id),
    warehouse: String(row.warehouse),
    pipeline: String(row.pipeline),
    environment: String(row.environment),
    logicalTime: date(row.logical_time) as Date,
    trigger: row.trigger as RunTrigger,
    state: row.state as RunState,
    definitionHash: String(row.definition_hash),
    datakits: (typeof row.datakits === 'string'
      ? JSON.parse(row.datakits)
      : row.datakits) as RunRecord['datakits'],
    owner: text(row.owner),
    createdAt: date(row.created_at) as Date,
    startedAt: date(row.started_at),
    endedAt: date(row.ended_at),
    error: text(row.error),
  };
}

/**
 * A `datakit.task_runs` row as the driver returns it, typed. @internal
 *
 * @example
 * ```ts
 * const tasks = rows.map(taskRunFromRow);
 * ```
 */
export function taskRunFromRow(row: Record<string, unknown>): TaskRunRecord {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    id: String(row.id),
    runId: String(row.run_id),
    task: String(row.task),
    kind: row.kind as TaskKind,
    state: row.state as TaskState,
    attempt: n(row.attempt),
    maxAttempts: n(row.max_attempts),
    owner: text(row.owner),
    startedAt: date(row.started_at),
    endedAt: date(row.ended_at),
    error: text(row.error),
    errorCode: text(row.error_code),
    rows:
      row.rows_read === null || row.rows_read === undefined
        ? null
        : {
            read: n(row.rows_read),
            loaded: n(row.rows_loaded),
            rejected: n(row.rows_rejected),
            dropped: n(row.rows_dropped),
          },
    loadId: text(row.load_id),
  };
}
