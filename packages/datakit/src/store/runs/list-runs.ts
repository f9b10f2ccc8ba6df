import type { Connection } from '../../dialect/connection.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../store-schema.js';
import { type RunKey, type RunRecord, type RunTrigger, runFromRow } from './run-record.js';

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
 * for (const { run, tasks } of await listRuns(warehouse, { pipeline: 'nightly' })) console.log(run.id, run.state, tasks);
 * ```
 */
export async function listRuns(
  conn: Connection,
  filter: RunFilter = {},
  store: StoreSchema = DEFAULT_STORE_SCHEMA,
): Promise<{ run: RunRecord; tasks: Record<string, number> }[]> {
  const { rows } = await conn.query(
    `select r.*, (select coalesce(jsonb_object_agg(s.state, s.n), '{}'::jsonb)
                  from (select "state", count(*)::int as n from ${store.taskRuns} where "run_id" = r."id" group by "state") s) as task_states
     from ${store.runs} r
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
