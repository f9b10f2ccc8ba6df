import { DatakitError } from '../errors/datakit-error.js';
import type { TableSource } from '../sql-transform/in-layer.js';
import type { TableToPlace } from '../sql-transform/resolve-table.js';
import { andWhere, type ColumnKey, checkTable, columnName, fromClause, tableLabel } from './check-table.js';
import { type CheckOptions, makeCheck, type QualityCheck } from './quality-check.js';

/**
 * Fails for each row whose `columns` (all not null) match no row of `parent` on `parentColumns`:
 * a foreign key that is not there.
 *
 * @example
 * ```ts
 * relationshipCheck(inLayer(order, 'silver'), ['customer_id'], inLayer(customer, 'silver'), ['id']);
 * ```
 */
export function relationshipCheck<S extends TableSource, P extends TableSource>(
  source: S | TableToPlace,
  columns: readonly ColumnKey<S>[],
  parent: P | TableToPlace,
  parentColumns: readonly ColumnKey<P>[],
  options: CheckOptions = {},
): QualityCheck {
  const t = checkTable(source);
  const p = checkTable(parent);
  const label = `relationship(${tableLabel(t.ref)}.${columns.join(',')} -> ${tableLabel(p.ref)}.${parentColumns.join(',')})`;
  if (columns.length === 0 || columns.length !== parentColumns.length) {
    throw new DatakitError(
      'USAGE',
      `Check "${label}" needs as many parent columns as columns, at least one`,
      {
        hint: "Pair each column with its parent column, e.g. ['customer_id'] and ['id'].",
      },
    );
  }
  const names = columns.map((c) => columnName(t, c, label));
  const parentNames = parentColumns.map((c) => columnName(p, c, label));
  return makeCheck(
    {
      kind: 'relationship',
      name: label,
      table: t.ref,
      column: names.join(', '),
      reads: [source, parent],
      compile: (w) => {
        const child = (n: string) => `${w.q(t.alias)}.${w.q(n)}`;
        const match = parentNames.map(
          (pn, i) => `${w.q('datakit_parent')}.${w.q(pn)} = ${child(names[i] as string)}`,
        );
        return {
          mode: 'rows',
          sql: `select * from ${fromClause(w, t)} where ${names.map((n) => `${child(n)} is not null`).join(' and ')} and not exists (select 1 from ${fromClause(w, p, 'datakit_parent')} where ${match.join(' and ')})${andWhere(w, t, options.where)}`,
        };
      },
    },
    options,
  );
}
