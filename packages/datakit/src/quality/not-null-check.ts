import type { TableSource } from '../sql-transform/in-layer.js';
import type { TableToPlace } from '../sql-transform/resolve-table.js';
import { andWhere, type ColumnKey, checkTable, columnName, fromClause, tableLabel } from './check-table.js';
import { type CheckOptions, makeCheck, type QualityCheck } from './quality-check.js';

/**
 * Fails for each row whose `column` is null.
 *
 * @example
 * ```ts
 * notNullCheck(inLayer(customer, 'silver'), 'email', { severity: 'error' });
 * ```
 */
export function notNullCheck<S extends TableSource>(
  source: S | TableToPlace,
  column: ColumnKey<S>,
  options: CheckOptions = {},
): QualityCheck {
  const t = checkTable(source);
  const label = `not-null(${tableLabel(t.ref)}.${column})`;
  const name = columnName(t, column, label);
  return makeCheck(
    {
      kind: 'not-null',
      name: label,
      table: t.ref,
      column: name,
      reads: [source],
      compile: (w) => ({
        mode: 'rows',
        sql: `select * from ${fromClause(w, t)} where ${w.q(t.alias)}.${w.q(name)} is null${andWhere(w, t, options.where)}`,
      }),
    },
    options,
  );
}
