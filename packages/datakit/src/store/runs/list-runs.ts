import type { Connection } from '../../dialect/connection.js';
import {
  type RunKey,
  type RunRecord,
  type RunTrigger,
  runFromRow,
  type TaskRunRecord,
  taskRunFromRow,
} from './run-record.js';

/**
 * Filters of {@link listRuns}; every field optional.
 *
 * @example
 * ```ts
 * const filter: RunFilter = { pipeline: 'nightly', environment: 'prod', limit: 20 };
 * ```
 */
export interface RunFilter extends Partial<RunKey> {
  states?: readonly RunRecord['state'][];
  triggers?: readonly RunTrigger[];
  /** Default: newest id first. */
  order?: 'newest' | 'logical-time-asc' | 'logical-time-desc';
  from?: Date;
  to?: Date;
  limit?: number;
}

const ORDER = {
  newest: 'r."id" desc',
  'logical-time-asc': 'r."logical_time", r."id"',
  'logical-time-desc': 'r."logical_time" desc, r."id" desc',
} as const;

/**
 * Runs, newest first (or by logical time), with the count of their task runs per state.
 *
 * @example
 * ```ts
 * for (const { run, tasks } of await listRuns(store, { pipeline: 'nightly' })) console.log(run.id, run.state, tasks);
 * ```
 */
export async function listRuns(
  conn: Connection,
  filter: RunFilter = {},
): Promise<{ run: RunRecord; tasks: Record<string, number> }[]> {
  const { rows } = await conn.query(
    `select r.*, (select coalesce(jsonb_object_agg(s.state, s.n), '{}'::jsonb)
                  from (select "state", count(*)::int as n from "datakit"."task_runs" where "run_id" = r."id" group by "state") s) as task_states
     from "datakit"."runs" r
     where ($1::text is null or r."warehouse" = $1) and ($2::text is null or r."pipeline" = $2)
       and ($3::text is null or r."environment" = $3) and ($4::text[] is null or r."state" = any($4))
       and ($5::timestamptz is null or r."logical_time" >= $5) and ($6::timestamptz is null or r."logical_time" <= $6)
       and ($8::text[] is null or r."trigger" = any($8))
     order by ${ORDER[filter.order ?? 'newest']} limit $7`,
    [
      filter.warehouse ?? null,
      filter.pipeline ?? null,
      filter.environment ?? null,
      filter.states ?? null,
      filter.from?.toISOString() ?? null,
      filter.to?.toISOString() ?? null,
      filter.limit ?? 50,
      filter.triggers ?? null,
    ],
  );
  return rows.map((row) => ({
    run: runFromRow(row),
    tasks: (typeof row.task_states === 'string' ? JSON.parse(row.task_states) : row.task_states) as Record<
      string,
      number
    >,
  }));
}

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
 * const detail = await getRun(store, '42');
 * detail?.tasks.filter((t) => t.state === 'failed');
 * ```
 */
export async function getRun(
  conn: Connection,
  id: string,
): Promise<{ run: RunRecord; tasks: TaskRunRecord[]; events: RunEvent[] } | undefined> {
  if (!/^\d+$/.test(id)) return undefined;
  const { rows } = await conn.query(`select * from "datakit"."runs" where "id" = $1`, [id]);
  const row = rows[0];
  if (!row) return undefined;
  const tasks = await conn.query(`select * from "datakit"."task_runs" where "run_id" = $1 order by "id"`, [
    id,
  ]);
  const events = await conn.query<Record<string, unknown>>(
    `select "at", "task", "attempt", "kind", "level", "message" from "datakit"."events" where "run_id" = $1 order by "id"`,
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
