import { DatakitError } from '../errors/datakit-error.js';
import type { TableSource } from '../sql-transform/in-layer.js';
import type { TableToPlace } from '../sql-transform/resolve-table.js';
import { andWhere, type ColumnKey, checkTable, columnName, fromClause, tableLabel } from './check-table.js';
import { type CheckOptions, makeCheck, type QualityCheck } from './quality-check.js';

/**
 * Fails for each value of `columns` that more than one row holds (rows with a null in the key are
 * not compared, as a unique constraint does). Samples show the key and how many rows share it.
 *
 * @example
 * ```ts
 * uniqueCheck(inLayer(customer, 'silver'), ['email']);
 * ```
 */
export function uniqueCheck<S extends TableSource>(
  source: S | TableToPlace,
  columns: readonly ColumnKey<S>[],
  options: CheckOptions = {},
): QualityCheck {
  const t = checkTable(source);
  const label = `unique(${tableLabel(t.ref)}.${columns.join(',')})`;
  if (columns.length === 0) {
    throw new DatakitError('USAGE', `Check "${label}" names no columns`, {
      hint: "Pass the key's columns, e.g. ['email'].",
    });
  }
  const names = columns.map((c) => columnName(t, c, label));
  return makeCheck(
    {
      kind: 'unique',
      name: label,
      table: t.ref,
      column: names.join(', '),
      reads: [source],
      compile: (w) => {
        const list = names.map((n) => `${w.q(t.alias)}.${w.q(n)}`);
        return {
          mode: 'rows',
          sql: `select ${list.join(', ')}, count(*) as "rows" from ${fromClause(w, t)} where ${list.map((c) => `${c} is not null`).join(' and ')}${andWhere(w, t, options.where)} group by ${list.join(', ')} having count(*) > 1`,
        };
      },
    },
    options,
  );
}
