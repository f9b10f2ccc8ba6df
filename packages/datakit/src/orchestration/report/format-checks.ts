import { formatNumber } from '../../format/format-number.js';
import { formatTable } from '../../format/format-table.js';
import type { TaskLineage } from '../../store/runs/read-lineage.js';

/**
 * What the check reports show of one result (a stored one, or one `datakit check` just ran).
 *
 * @example
 * ```ts
 * const row: CheckRow = { task: 'check-silver', check: 'not-null(silver.customer.email)', table: 'silver.customer',
 *   severity: 'error', status: 'error', failing: 2, errorIf: '> 0', warnIf: '> 0', samples: [{ id: 7, email: null }], error: null };
 * ```
 */
export interface CheckRow {
  task?: string;
  check: string;
  table: string;
  severity: 'error' | 'warn';
  status: 'pass' | 'warn' | 'error';
  failing: number;
  errorIf: string;
  warnIf: string;
  samples: readonly Record<string, unknown>[];
  error: string | null;
}

/**
 * The table of check results: check, table, severity, failing count and status (and the task,
 * when `withTask`).
 *
 * @example
 * ```ts
 * io.out(formatCheckTable(rows));
 * // check                            table            severity  failing  status
 * // not-null(silver.customer.email)  silver.customer  error           2  error
 * ```
 */
export function formatCheckTable(rows: readonly CheckRow[], withTask = false): string {
  const header = ['check', 'table', 'severity', 'failing', 'status'];
  return formatTable(
    withTask ? ['task', ...header] : header,
    rows.map((r) => {
      const cells = [
        r.check,
        r.table,
        r.severity,
        r.error === null ? formatNumber(r.failing) : '-',
        r.error === null ? r.status : `${r.status} (did not run)`,
      ];
      return withTask ? [r.task ?? '-', ...cells] : cells;
    }),
  );
}

/**
 * Each check that warned or is in error, with why (its threshold, or the error of its query) and
 * its sample rows as JSON, one per line.
 *
 * @example
 * ```ts
 * io.out(formatCheckFailures(rows));
 * // error  not-null(silver.customer.email) on silver.customer: 2 failing row(s) (errorIf > 0)
 * //   {"id":7,"email":null}
 * ```
 */
export function formatCheckFailures(rows: readonly CheckRow[]): string {
  const lines: string[] = [];
  for (const r of rows) {
    if (r.status === 'pass') continue;
    if (r.error !== null) {
      lines.push(`${r.status.padEnd(5)}  ${r.check} on ${r.table} could not run: ${r.error.split('\n')[0]}`);
      continue;
    }
    const threshold = r.status === 'error' ? `errorIf ${r.errorIf}` : `warnIf ${r.warnIf}`;
    lines.push(
      `${r.status.padEnd(5)}  ${r.check} on ${r.table}: ${formatNumber(r.failing)} failing row(s) (${threshold})`,
    );
    for (const sample of r.samples) lines.push(`  ${JSON.stringify(sample)}`);
  }
  return lines.join('\n');
}

/**
 * A run's column lineage, compactly: per task, its target and one line per target column with the
 * source columns it comes from (`constant` when none), then the columns that filter its rows.
 *
 * @example
 * ```ts
 * io.out(formatLineage(await readLineage(store, '42')));
 * // silver.customer
 * //   email <- bronze.customer.email
 * ```
 */
export function formatLineage(lineage: readonly TaskLineage[]): string {
  const name = (t: { schema: string | null; table: string }) =>
    t.schema === null ? t.table : `${t.schema}.${t.table}`;
  const lines: string[] = [];
  for (const t of lineage) {
    const target = name(t.target);
    lines.push(t.task === target ? target : `${target} (task ${t.task})`);
    for (const c of t.columns) {
      const sources = c.sources.map((s) => `${name(s)}.${s.column}`).join(', ');
      lines.push(`  ${c.column} <- ${sources || 'constant'}`);
    }
    if (t.filters.length > 0)
      lines.push(
        `  (rows filtered or joined on ${t.filters.map((s) => `${name(s)}.${s.column}`).join(', ')})`,
      );
  }
  return lines.join('\n');
}
