import type { Connection } from '../../dialect/connection.js';
import type { CheckResult } from '../../quality/run-checks.js';

/**
 * Where a set of check results belongs: one attempt of a quality task of a pipeline run
 * (`runId`), or one task's checks in a `datakit check` run (`checkRunId`).
 *
 * @example
 * ```ts
 * const at: CheckResultOwner = { checkRunId: '7', pipeline: 'nightly', task: 'check-silver', attempt: 1 };
 * ```
 */
export type CheckResultOwner = { task: string; attempt: number; pipeline?: string } & (
  | { runId: string; checkRunId?: undefined }
  | { checkRunId: string; runId?: undefined }
);

/**
 * Stores check results in `datakit.quality_results`, in one statement (values as parameters).
 *
 * @example
 * ```ts
 * await recordCheckResults(store, { runId: '42', task: 'check-silver', attempt: 1 }, run.results);
 * ```
 */
export async function recordCheckResults(
  store: Connection,
  at: CheckResultOwner,
  results: readonly CheckResult[],
): Promise<void> {
  if (results.length === 0) return;
  await store.query(
    `insert into "datakit"."quality_results" ("run_id", "check_run_id", "pipeline", "task", "attempt", "check_name", "kind",
       "table_name", "column_name", "severity", "status", "failing", "error_if", "warn_if", "samples", "error", "sql", "ms")
     select $1::bigint, $2::bigint, $3, $4, $5::int, r->>'name', r->>'kind', r->>'table', r->>'column', r->>'severity', r->>'status',
       (r->>'failing')::bigint, r->>'errorIf', r->>'warnIf', r->'samples', r->'error'->>'message', r->>'sql', (r->>'ms')::int
     from jsonb_array_elements($6::jsonb) as r`,
    [
      at.runId ?? null,
      at.checkRunId ?? null,
      at.pipeline ?? null,
      at.task,
      at.attempt,
      JSON.stringify(results),
    ],
  );
}

/**
 * One stored check result, as `readCheckResults` returns it.
 *
 * @example
 * ```ts
 * const failed = (await readCheckResults(store, '42')).filter((r: StoredCheckResult) => r.status === 'error');
 * ```
 */
export interface StoredCheckResult {
  pipeline: string | null;
  task: string;
  attempt: number;
  check: string;
  kind: string;
  table: string;
  column: string | null;
  severity: 'error' | 'warn';
  status: 'pass' | 'warn' | 'error';
  failing: number;
  errorIf: string;
  warnIf: string;
  samples: Record<string, unknown>[];
  error: string | null;
}

/**
 * The check results of a pipeline run (or, with `{ checkRun }`, of a `datakit check` run), in
 * the order they ran.
 *
 * @example
 * ```ts
 * for (const r of await readCheckResults(store, run.id)) console.log(r.task, r.check, r.status, r.failing);
 * const standalone = await readCheckResults(store, { checkRun: '7' });
 * ```
 */
export async function readCheckResults(
  store: Connection,
  of: string | { checkRun: string },
): Promise<StoredCheckResult[]> {
  const column = typeof of === 'string' ? 'run_id' : 'check_run_id';
  const id = typeof of === 'string' ? of : of.checkRun;
  if (!/^\d+$/.test(id)) return [];
  const { rows } = await store.query<Record<string, unknown>>(
    `select "pipeline", "task", "attempt", "check_name", "kind", "table_name", "column_name", "severity", "status",
       "failing", "error_if", "warn_if", "samples", "error"
     from "datakit"."quality_results" where "${column}" = $1 order by "id"`,
    [id],
  );
  return rows.map((r) => ({
    pipeline: r.pipeline === null ? null : String(r.pipeline),
    task: String(r.task),
    attempt: Number(r.attempt),
    check: String(r.check_name),
    kind: String(r.kind),
    table: String(r.table_name),
    column: r.column_name === null ? null : String(r.column_name),
    severity: r.severity as StoredCheckResult['severity'],
    status: r.status as StoredCheckResult['status'],
    failing: Number(r.failing),
    errorIf: String(r.error_if),
    warnIf: String(r.warn_if),
    samples: (typeof r.samples === 'string' ? JSON.parse(r.samples) : r.samples) as Record<string, unknown>[],
    error: r.error === null ? null : String(r.error),
  }));
}
