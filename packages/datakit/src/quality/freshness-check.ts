import { DatakitError } from '../errors/datakit-error.js';
import type { TableSource } from '../sql-transform/in-layer.js';
import type { TableToPlace } from '../sql-transform/resolve-table.js';
import { andWhere, type ColumnKey, checkTable, columnName, fromClause, tableLabel } from './check-table.js';
import { type CheckOptions, makeCheck, type QualityCheck } from './quality-check.js';

const INTERVAL = /^\d+(\.\d+)?\s*(second|minute|hour|day|week)s?$/i;

/**
 * Fails (count 1) when the newest `column` value is older than `maxAge` at the run's time (its
 * logical time, so a re-run judges the same way), or when the table is empty. `maxAge` is an
 * interval such as `'36 hours'` or milliseconds.
 *
 * @example
 * ```ts
 * freshnessCheck(inLayer(order, 'bronze'), 'source_updated_at', { maxAge: '1 day', severity: 'warn' });
 * ```
 */
export function freshnessCheck<S extends TableSource>(
  source: S | TableToPlace,
  column: ColumnKey<S>,
  options: CheckOptions & { maxAge: string | number },
): QualityCheck {
  const t = checkTable(source);
  const label = `freshness(${tableLabel(t.ref)}.${column})`;
  const name = columnName(t, column, label);
  const maxAge = options.maxAge;
  const interval = typeof maxAge === 'number' ? `${maxAge / 1000} seconds` : maxAge.trim();
  if ((typeof maxAge === 'number' && !(maxAge > 0)) || !INTERVAL.test(interval)) {
    throw new DatakitError(
      'USAGE',
      `Check "${options.name ?? label}": maxAge ${JSON.stringify(maxAge)} is not an age`,
      {
        hint: "Write maxAge: '36 hours', '2 days', '30 minutes', or a number of milliseconds.",
      },
    );
  }
  return makeCheck(
    {
      kind: 'freshness',
      name: label,
      table: t.ref,
      column: name,
      reads: [source],
      compile: (w, ctx) => {
        const now = `${w.param(ctx.now.toISOString())}::timestamptz`;
        const age = `${w.param(interval)}::interval`;
        return {
          mode: 'measure',
          sql: `select case when m.latest is null or m.latest < ${now} - ${age} then 1 else 0 end as failing,
              jsonb_build_object('latest', m.latest, 'now', ${now}, 'max_age', ${age}::text, 'age', (${now} - m.latest)::text) as row
            from (select max(${w.q(t.alias)}.${w.q(name)}) as latest from ${fromClause(w, t)} where true${andWhere(w, t, options.where)}) as m`,
        };
      },
    },
    options,
  );
}
