import type { Connection } from '../../dialect/connection.js';

/**
 * A run of `datakit check`: the checks of a warehouse's pipelines run on their own, outside a
 * pipeline run. Its results are in `datakit.quality_results` under its id.
 *
 * @example
 * ```ts
 * const latest: CheckRunRecord | undefined = (await listCheckRuns(store, { warehouse: 'main', environment: 'prod', limit: 1 }))[0];
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
 * Records the start of a check run and returns its id.
 *
 * @example
 * ```ts
 * const id = await startCheckRun(store, { warehouse: 'main', environment: 'dev', pipelines: ['nightly'], owner: 'host:123' });
 * ```
 */
export async function startCheckRun(
  store: Connection,
  run: { warehouse: string; environment: string; pipelines: readonly string[]; owner?: string },
): Promise<string> {
  const { rows } = await store.query<{ id: unknown }>(
    `insert into "datakit"."check_runs" ("warehouse", "environment", "pipelines", "owner")
     values ($1, $2, $3::jsonb, $4) returning "id"`,
    [run.warehouse, run.environment, JSON.stringify(run.pipelines), run.owner ?? null],
  );
  return String(rows[0]?.id);
}

/**
 * Records the verdict and end of a check run.
 *
 * @example
 * ```ts
 * await finishCheckRun(store, id, 'warn');
 * ```
 */
export async function finishCheckRun(
  store: Connection,
  id: string,
  verdict: 'pass' | 'warn' | 'error',
): Promise<void> {
  await store.query(
    `update "datakit"."check_runs" set "verdict" = $2, "ended_at" = clock_timestamp() where "id" = $1`,
    [id, verdict],
  );
}

/**
 * Check runs of a warehouse in an environment, newest first, with their results counted by status.
 *
 * @example
 * ```ts
 * for (const r of await listCheckRuns(store, { warehouse: 'main', environment: 'prod' })) console.log(r.id, r.verdict, r.counts);
 * ```
 */
export async function listCheckRuns(
  store: Connection,
  filter: { warehouse: string; environment: string; limit?: number },
): Promise<CheckRunRecord[]> {
  const { rows } = await store.query<Record<string, unknown>>(
    `select c.*,
       (select count(*) from "datakit"."quality_results" q where q."check_run_id" = c."id" and q."status" = 'pass')::int as n_pass,
       (select count(*) from "datakit"."quality_results" q where q."check_run_id" = c."id" and q."status" = 'warn')::int as n_warn,
       (select count(*) from "datakit"."quality_results" q where q."check_run_id" = c."id" and q."status" = 'error')::int as n_error
     from "datakit"."check_runs" c where c."warehouse" = $1 and c."environment" = $2
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
