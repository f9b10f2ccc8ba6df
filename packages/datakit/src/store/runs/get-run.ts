import type { Connection } from '../../dialect/connection.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../store-schema.js';
import { type RunRecord, runFromRow, type TaskRunRecord, taskRunFromRow } from './run-record.js';

/**
 * One event of a run's log.
 *
 * @example
 * ```ts
 * const errors = events.filter((e: RunEvent) => e.level === 'error');
 * ```
 */
export interface RunEvent {
  at: Date;
  task: string | null;
  attempt: number | null;
  kind: string;
  level: string;
  message: string;
}

/**
 * A run with its task runs (in id order) and its event log, or undefined for an unknown id.
 *
 * @example
 * ```ts
 * const detail = await getRun(warehouse, '42');
 * detail?.tasks.filter((t) => t.state === 'failed');
 * ```
 */
export async function getRun(
  conn: Connection,
  id: string,
  store: StoreSchema = DEFAULT_STORE_SCHEMA,
): Promise<{ run: RunRecord; tasks: TaskRunRecord[]; events: RunEvent[] } | undefined> {
  if (!/^\d+$/.test(id)) return undefined;
  const { rows } = await conn.query(`select * from ${store.runs} where "id" = $1`, [id]);
  const row = rows[0];
  if (!row) return undefined;
  const tasks = await conn.query(`select * from ${store.taskRuns} where "run_id" = $1 order by "id"`, [id]);
  const events = await conn.query<Record<string, unknown>>(
    `select "at", "task", "attempt", "kind", "level", "message" from ${store.events} where "run_id" = $1 order by "id"`,
    [id],
  );
  return {
    run: runFromRow(row),
    tasks: tasks.rows.map(taskRunFromRow),
    events: events.rows.map((e) => ({
      at: e.at instanceof Date ? e.at : new Date(String(e.at)),
      task: e.task === null ? null : String(e.task),
      attempt: e.attempt === null ? null : Number(e.attempt),
      kind: String(e.kind),
      level: String(e.level),
      message: String(e.message),
    })),
  };
}
