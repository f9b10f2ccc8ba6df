import type { Connection } from '../../dialect/connection.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../store-schema.js';

/**
 * A run of `datakit check`: the checks of a warehouse's pipelines run on their own, outside a
 * pipeline run. Its results are in `datakit.quality_results` under its id.
 *
 * @example
 * ```ts
 * const latest: CheckRunRecord | undefined = (await listCheckRuns(warehouse, { warehouse: 'main', environment: 'prod', limit: 1 }))[0];
 * ```
 */
export interface CheckRunRecord {
  id: string;
  warehouse: string;
  environment: string;
  pipelines: string[];
  owner: string | null;
  verdict: 'pass' | 'warn' | 'error' | null;
  startedAt: Date;
  endedAt: Date | null;
  counts: { pass: number; warn: number; error: number };
}

/**
 * Check runs of a warehouse in an environment, newest first, with their results counted by status.
 *
 * @example
 * ```ts
 * for (const r of await listCheckRuns(warehouse, { warehouse: 'main', environment: 'prod' })) console.log(r.id, r.verdict, r.counts);
 * ```
 */
export async function listCheckRuns(
  conn: Connection,
  filter: { warehouse: string; environment: string; limit?: number },
  store: StoreSchema = DEFAULT_STORE_SCHEMA,
): Promise<CheckRunRecord[]> {
  const { rows } = await conn.query<Record<string, unknown>>(
    `select c.*,
       (select count(*) from ${store.qualityResults} q where q."check_run_id" = c."id" and q."status" = 'pass')::int as n_pass,
       (select count(*) from ${store.qualityResults} q where q."check_run_id" = c."id" and q."status" = 'warn')::int as n_warn,
       (select count(*) from ${store.qualityResults} q where q."check_run_id" = c."id" and q."status" = 'error')::int as n_error
     from ${store.checkRuns} c where c."warehouse" = $1 and c."environment" = $2
     order by c."id" desc limit $3`,
    [filter.warehouse, filter.environment, filter.limit ?? 20],
  );
  const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
  return rows.map((r) => ({
    id: String(r.id),
    warehouse: String(r.warehouse),
    environment: String(r.environment),
    pipelines: (typeof r.pipelines === 'string' ? JSON.parse(r.pipelines) : r.pipelines) as string[],
    owner: r.owner === null ? null : String(r.owner),
    verdict: (r.verdict ?? null) as CheckRunRecord['verdict'],
    startedAt: date(r.started_at),
    endedAt: r.ended_at === null ? null : date(r.ended_at),
    counts: { pass: Number(r.n_pass), warn: Number(r.n_warn), error: Number(r.n_error) },
  }));
}
