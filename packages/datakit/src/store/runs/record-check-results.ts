import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

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
 * A check result as the store records it (what `runChecks` returns for each check).
 *
 * @example
 * ```ts
 * const r: CheckResultInput = { name: 'customer.email not null', kind: 'not_null', table: 'silver.customer', column: 'email',
 *   severity: 'error', status: 'pass', failing: 0, samples: [], errorIf: '> 0', warnIf: 'never', sql: 'select ...', ms: 3 };
 * ```
 */
export interface CheckResultInput {
  name: string;
  kind: string;
  table: string;
  column?: string;
  severity: string;
  status: string;
  failing: number;
  samples: Record<string, unknown>[];
  errorIf: string;
  warnIf: string;
  error?: { message: string };
  sql: string;
  ms: number;
}

/**
 * Stores check results in the store's `quality_results`, in one statement (values as parameters).
 *
 * @example
 * ```ts
 * await recordCheckResults(warehouse, { runId: '42', task: 'check-silver', attempt: 1 }, run.results, store);
 * ```
 */
export async function recordCheckResults(
  conn: Connection,
  at: CheckResultOwner,
  results: readonly CheckResultInput[],
  store: StoreSchema,
): Promise<void> {
  if (results.length === 0) return;
  await conn.query(
    `insert into ${store.qualityResults} ("run_id", "check_run_id", "pipeline", "task", "attempt", "check_name", "kind",
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
