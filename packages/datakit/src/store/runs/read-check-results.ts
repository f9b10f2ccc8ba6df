import type { Connection } from '../../dialect/connection.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../store-schema.js';

/**
 * One stored check result, as `readCheckResults` returns it.
 *
 * @example
 * ```ts
 * const failed = (await readCheckResults(warehouse, '42')).filter((r: StoredCheckResult) => r.status === 'error');
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
 * for (const r of await readCheckResults(warehouse, run.id)) console.log(r.task, r.check, r.status, r.failing);
 * const standalone = await readCheckResults(warehouse, { checkRun: '7' });
 * ```
 */
export async function readCheckResults(
  conn: Connection,
  of: string | { checkRun: string },
  store: StoreSchema = DEFAULT_STORE_SCHEMA,
): Promise<StoredCheckResult[]> {
  const column = typeof of === 'string' ? 'run_id' : 'check_run_id';
  const id = typeof of === 'string' ? of : of.checkRun;
  if (!/^\d+$/.test(id)) return [];
  const { rows } = await conn.query<Record<string, unknown>>(
    `select "pipeline", "task", "attempt", "check_name", "kind", "table_name", "column_name", "severity", "status",
       "failing", "error_if", "warn_if", "samples", "error"
     from ${store.qualityResults} where "${column}" = $1 order by "id"`,
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
