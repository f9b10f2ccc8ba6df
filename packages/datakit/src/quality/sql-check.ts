import type { SQL } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import { expressionColumns } from '../sql-transform/expression-columns.js';
import type { TableSource } from '../sql-transform/in-layer.js';
import { checkTable, tableLabel } from './check-table.js';
import { type CheckOptions, makeCheck, type QualityCheck } from './quality-check.js';

/**
 * A custom check: a query whose rows are the failures. Tables in the template (`inLayer(...)` or
 * Drizzle tables) are placed like everywhere else; values are parameters. The first table named
 * is the checked one (shown in results).
 *
 * @example
 * ```ts
 * const silverOrder = inLayer(order, 'silver');
 * sqlCheck('order-after-signup', sql`select o.id from ${silverOrder} o join ${inLayer(customer, 'silver')} c on c.id = o.customer_id
 *   where o.ordered_at < c.created_at`, { severity: 'warn' });
 * ```
 */
export function sqlCheck(
  name: string,
  query: SQL,
  options: Omit<CheckOptions, 'name' | 'where'> = {},
): QualityCheck {
  const tables = expressionColumns(query).tables;
  const first = tables[0];
  if (typeof name !== 'string' || name.trim() === '' || first === undefined) {
    throw new DatakitError(
      'USAGE',
      `Custom check "${String(name)}" needs a name and a query that names its tables`,
      {
        hint: "Interpolate the tables into the sql template (inLayer(order, 'silver') as a value) so the check can place them.",
      },
    );
  }
  const t = checkTable(first as TableSource);
  return makeCheck(
    {
      kind: 'sql',
      name: `sql(${name}: ${tableLabel(t.ref)})`,
      table: t.ref,
      reads: tables,
      compile: (w) => ({ mode: 'rows', sql: w.expr(query) }),
    },
    { ...options, name },
  );
}
