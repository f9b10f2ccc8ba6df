import type { SQL } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import type { TableSource } from '../sql-transform/in-layer.js';
import type { TableToPlace } from '../sql-transform/resolve-table.js';
import type { SqlWriter } from '../sql-transform/sql-writer.js';
import { parseThreshold, type Threshold } from './threshold.js';

/**
 * `error` blocks the pipeline's downstream tasks when the check fires; `warn` is recorded only.
 *
 * @example
 * ```ts
 * const s: Severity = 'warn';
 * ```
 */
export type Severity = 'error' | 'warn';

/**
 * The kinds of quality check.
 *
 * @example
 * ```ts
 * const k: CheckKind = 'relationship';
 * ```
 */
export type CheckKind =
  | 'not-null'
  | 'unique'
  | 'relationship'
  | 'accepted-values'
  | 'enum'
  | 'row-count'
  | 'freshness'
  | 'sql';

/**
 * Options every check takes: its severity and thresholds on the failing count (defaults: `error`,
 * `errorIf: '> 0'`, `warnIf: '> 0'`; a `warn` check has no `errorIf`), a filter and a name.
 *
 * @example
 * ```ts
 * const o: CheckOptions = { severity: 'error', errorIf: '> 100', warnIf: '> 0', where: sql`${customer.status} <> 'churned'` };
 * ```
 */
export interface CheckOptions {
  name?: string;
  severity?: Severity;
  errorIf?: string;
  warnIf?: string;
  /** Only rows of the checked table where this is true are checked. */
  where?: SQL;
}

/**
 * The SQL of a check. `rows`: a query whose rows are the failures. `measure`: a query returning
 * one row with a `failing` count and a `row` (jsonb) of figures.
 *
 * @example
 * ```ts
 * const q: CheckQuery = { mode: 'rows', sql: 'select "id" from "silver"."customer" as "customer" where "customer"."email" is null' };
 * ```
 */
export type CheckQuery = { mode: 'rows' | 'measure'; sql: string };

/**
 * A quality check: which table it looks at, how severe it is, and the SQL that finds failures.
 *
 * @example
 * ```ts
 * const check = notNullCheck(inLayer(customer, 'silver'), 'email');
 * check.name; // 'not-null(silver.customer.email)'
 * ```
 */
export interface QualityCheck {
  readonly kind: CheckKind;
  readonly name: string;
  readonly table: TableToPlace;
  readonly column?: string;
  readonly severity: Severity;
  readonly errorIf: Threshold;
  readonly warnIf: Threshold;
  /** Every table the check reads (for pipeline edges). */
  readonly reads: readonly (TableSource | TableToPlace)[];
  compile(w: SqlWriter, ctx: { now: Date }): CheckQuery;
}

/**
 * Builds a check, parsing and validating its options. @internal
 *
 * @example
 * ```ts
 * return makeCheck({ kind: 'not-null', name, table, column, reads: [source], compile }, options);
 * ```
 */
export function makeCheck(
  base: Omit<QualityCheck, 'severity' | 'errorIf' | 'warnIf' | 'name'> & { name: string },
  options: CheckOptions,
): QualityCheck {
  const name = options.name ?? base.name;
  const severity = options.severity ?? 'error';
  if (severity !== 'error' && severity !== 'warn') {
    throw new DatakitError(
      'USAGE',
      `Check "${name}": severity '${String(severity)}' is neither 'error' nor 'warn'`,
      {
        hint: "Use severity: 'error' (blocks downstream tasks) or 'warn' (recorded only).",
      },
    );
  }
  if (severity === 'warn' && options.errorIf !== undefined) {
    throw new DatakitError(
      'USAGE',
      `Check "${name}" has severity 'warn' and an errorIf, which would never apply`,
      {
        hint: "Remove errorIf, or make the check severity: 'error'.",
      },
    );
  }
  const errorIf = parseThreshold(options.errorIf ?? '> 0', { check: name, option: 'errorIf' });
  const warnIf = parseThreshold(options.warnIf ?? '> 0', { check: name, option: 'warnIf' });
  return { ...base, name, severity, errorIf, warnIf };
}
