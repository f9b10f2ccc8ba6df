import { DatakitError } from '../errors/datakit-error.js';
import type { TableSource } from '../sql-transform/in-layer.js';
import type { TableToPlace } from '../sql-transform/resolve-table.js';
import { andWhere, type ColumnKey, checkTable, columnName, fromClause, tableLabel } from './check-table.js';
import { type CheckKind, type CheckOptions, makeCheck, type QualityCheck } from './quality-check.js';

/**
 * Fails for each row whose `column` (not null) is none of `values`, compared as text.
 *
 * @example
 * ```ts
 * acceptedValuesCheck(inLayer(order, 'silver'), 'currency', ['EUR', 'USD', 'GBP'], { severity: 'warn' });
 * ```
 */
export function acceptedValuesCheck<S extends TableSource>(
  source: S | TableToPlace,
  column: ColumnKey<S>,
  values: readonly (string | number | boolean)[],
  options: CheckOptions & { kind?: Extract<CheckKind, 'accepted-values' | 'enum'> } = {},
): QualityCheck {
  const t = checkTable(source);
  const kind = options.kind ?? 'accepted-values';
  const label = `${kind}(${tableLabel(t.ref)}.${column})`;
  if (values.length === 0) {
    throw new DatakitError('USAGE', `Check "${label}" accepts no values`, {
      hint: 'List the values the column may hold.',
    });
  }
  const name = columnName(t, column, label);
  return makeCheck(
    {
      kind,
      name: label,
      table: t.ref,
      column: name,
      reads: [source],
      compile: (w) => {
        const c = `${w.q(t.alias)}.${w.q(name)}`;
        return {
          mode: 'rows',
          sql: `select * from ${fromClause(w, t)} where ${c} is not null and ${c}::text <> all(${w.param(values.map(String))}::text[])${andWhere(w, t, options.where)}`,
        };
      },
    },
    options,
  );
}
