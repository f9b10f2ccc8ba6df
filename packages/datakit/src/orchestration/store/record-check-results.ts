import type { Connection } from '../../dialect/connection.js';
import type { CheckResult } from '../../quality/run-checks.js';

/**
 * Stores the results of one attempt of a quality task in `datakit.quality_results`, in one
 * statement (values as parameters).
 *
 * @example
 * ```ts
 * await recordCheckResults(store, { runId: '42', task: 'check-silver', attempt: 1 }, run.results);
 * ```
 */
export async function recordCheckResults(
  store: Connection,
  at: { runId: string; task: string; attempt: number },
  results: readonly CheckResult[],
): Promise<void> {
  if (results.length === 0) return;
  await store.query(
    `insert into "datakit"."quality_results" ("run_id", "task", "attempt", "check_name", "kind", "table_name",
       "column_name", "severity", "status", "failing", "error_if", "warn_if", "samples", "error", "sql", "ms")
     select $1::bigint, $2, $3::int, r->>'name', r->>'kind', r->>'table', r->>'column', r->>'severity', r->>'status',
       (r->>'failing')::bigint, r->>'errorIf', r->>'warnIf', r->'samples', r->'error'->>'message', r->>'sql', (r->>'ms')::int
     from jsonb_array_elements($4::jsonb) as r`,
    [at.runId, at.task, at.attempt, JSON.stringify(results)],
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
  task: string;
  attempt: number;
  check: string;
  table: string;
  column: string | null;
  severity: 'error' | 'warn';
  status: 'pass' | 'warn' | 'error';
  failing: number;
  samples: Record<string, unknown>[];
  error: string | null;
}

/**
 * The check results of a run, in the order they ran.
 *
 * @example
 * ```ts
 * for (const r of await readCheckResults(store, run.id)) console.log(r.task, r.check, r.status, r.failing);
 * ```
 */
export async function readCheckResults(store: Connection, runId: string): Promise<StoredCheckResult[]> {
  const { rows } = await store.query<Record<string, unknown>>(
    `select "task", "attempt", "check_name", "table_name", "column_name", "severity", "status", "failing", "samples", "error"
     from "datakit"."quality_results" where "run_id" = $1 order by "id"`,
    [runId],
  );
  return rows.map((r) => ({
    task: String(r.task),
    attempt: Number(r.attempt),
    check: String(r.check_name),
    table: String(r.table_name),
    column: r.column_name === null ? null : String(r.column_name),
    severity: r.severity as StoredCheckResult['severity'],
    status: r.status as StoredCheckResult['status'],
    failing: Number(r.failing),
    samples: (typeof r.samples === 'string' ? JSON.parse(r.samples) : r.samples) as Record<string, unknown>[],
    error: r.error === null ? null : String(r.error),
  }));
}
