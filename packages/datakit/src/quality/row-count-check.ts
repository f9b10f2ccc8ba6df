import type { SQL } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import type { TableSource } from '../sql-transform/in-layer.js';
import type { TableToPlace } from '../sql-transform/resolve-table.js';
import { andWhere, checkTable, fromClause, tableLabel } from './check-table.js';
import { type CheckOptions, makeCheck, type QualityCheck } from './quality-check.js';

/**
 * Options of a row-count reconciliation: the allowed difference (`0`, a number of rows, or a
 * percentage of the other table's count such as `'1%'`), what to count on each side (default
 * `count(*)`), and a filter of the other table.
 *
 * @example
 * ```ts
 * const o: RowCountOptions = { tolerance: '0.5%', otherMeasure: sql`count(distinct ${rawCustomer.id})` };
 * ```
 */
export interface RowCountOptions extends CheckOptions {
  tolerance?: number | `${number}%`;
  measure?: SQL;
  otherMeasure?: SQL;
  otherWhere?: SQL;
}

/**
 * Reconciles the row count of a table with another (the layer below): fails by the difference
 * when it is beyond the tolerance. The sample row shows both counts, the difference and the
 * allowed difference.
 *
 * @example
 * ```ts
 * rowCountCheck(inLayer(customer, 'silver'), inLayer(rawCustomer, 'bronze'), {
 *   otherMeasure: sql`count(distinct ${rawCustomer.id})`, tolerance: '1%',
 * });
 * ```
 */
export function rowCountCheck(
  source: TableSource | TableToPlace,
  other: TableSource | TableToPlace,
  options: RowCountOptions = {},
): QualityCheck {
  const t = checkTable(source);
  const o = checkTable(other);
  const label = `row-count(${tableLabel(t.ref)} ~ ${tableLabel(o.ref)})`;
  const tolerance = options.tolerance ?? 0;
  const percent = typeof tolerance === 'string' ? Number(tolerance.slice(0, -1)) : undefined;
  const valid =
    typeof tolerance === 'number'
      ? Number.isFinite(tolerance) && tolerance >= 0
      : /^\d+(\.\d+)?%$/.test(tolerance) && percent !== undefined && percent >= 0;
  if (!valid) {
    throw new DatakitError(
      'USAGE',
      `Check "${options.name ?? label}": tolerance ${JSON.stringify(tolerance)} is not a row count or a percentage`,
      {
        hint: "Write tolerance: 0, tolerance: 25 (rows) or tolerance: '1%' (of the other table's count).",
      },
    );
  }
  return makeCheck(
    {
      kind: 'row-count',
      name: label,
      table: t.ref,
      reads: [source, other],
      compile: (w) => {
        const measure = (m: SQL | undefined, table: typeof t) => {
          if (m === undefined) return 'count(*)';
          w.scope = new Set([table.alias]);
          const text = w.expr(m);
          w.scope = undefined;
          return text;
        };
        const mine = `select ${measure(options.measure, t)} as n from ${fromClause(w, t)} where true${andWhere(w, t, options.where)}`;
        const theirs = `select ${measure(options.otherMeasure, o)} as n from ${fromClause(w, o)} where true${andWhere(w, o, options.otherWhere)}`;
        const allowed =
          percent === undefined
            ? `${w.param(tolerance)}::numeric`
            : `floor(b.n * ${w.param(percent)}::numeric / 100)`;
        return {
          mode: 'measure',
          sql: `select case when abs(a.n - b.n) > x.allowed then abs(a.n - b.n) else 0 end as failing,
              jsonb_build_object('rows', a.n, 'other_rows', b.n, 'difference', a.n - b.n, 'allowed', x.allowed) as row
            from (${mine}) as a, (${theirs}) as b, lateral (select ${allowed} as allowed) as x`,
        };
      },
    },
    options,
  );
}
