import { and, type Column, getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';
import { alias, type PgTable } from 'drizzle-orm/pg-core';
import { DatakitError } from '../errors/datakit-error.js';
import { buildPlan } from '../sql-transform/build-plan.js';
import type { CheckedSelect, SelectMapError, TargetRow } from '../sql-transform/checked-select.js';
import { type SqlTransform, sqlTransformOf } from '../sql-transform/define-sql-transform.js';
import { InLayer, sourceParts, type TableSource } from '../sql-transform/in-layer.js';
import { type Join, type LeftJoinedNames, leftJoin } from '../sql-transform/join.js';
import { runTransformPlan } from '../sql-transform/run-transform-plan.js';
import { inferredMembers } from './inferred-members.js';
import type { Lookup } from './lookup.js';

/**
 * The definition of a fact: measures and degenerate dimensions in `select` (checked by `tsc`
 * against the fact without its lookup columns) and one {@link Lookup} per dimension key column.
 *
 * @example
 * ```ts
 * const spec = { from: inLayer(orderLine, 'silver'), select: { quantity: orderLine.quantity },
 *   lookups: { product_key: lookup(dimProduct, { sku: orderLine.sku }, { at: orderLine.ordered_at }) }, disposition: 'append' };
 * ```
 */
export interface FactSpec<F extends Table, J extends readonly Join[], S, L> {
  name?: string;
  from: TableSource;
  joins?: J;
  where?: SQL;
  select: S & CheckedSelect<TargetRow<F, keyof L>, S, LeftJoinedNames<J>>;
  lookups: L & {
    [K in keyof L]: K extends keyof TargetRow<F>
      ? Lookup
      : SelectMapError<`the fact has no column "${K & string}"`>;
  };
  disposition: 'append' | 'replace' | 'merge';
  key?: readonly (keyof TargetRow<F> & string)[];
}

function columnsByName(table: Table): Map<string, Column> {
  return new Map(Object.values(getTableColumns(table) as Record<string, Column>).map((c) => [c.name, c]));
}

/**
 * Defines a fact: a SQL transform whose dimension keys are looked up set-based, each by a left
 * join to the dimension (at the event time for SCD2 dimensions) and `coalesce(key, -1)`, so a
 * row without a match points to the unknown member. Lookups with `inferred: true` first add the
 * dimension keys never seen as inferred members, under the dimension's advisory lock, in the
 * same transaction.
 *
 * @example
 * ```ts
 * export const factOrderLine = defineFact(inLayer(factOrderLineTable, 'gold'), {
 *   from: inLayer(orderLine, 'silver'),
 *   joins: [innerJoin(inLayer(order, 'silver'), eq(order.id, orderLine.order_id))],
 *   select: { order_id: orderLine.order_id, line_no: orderLine.line_no, amount: orderLine.line_amount },
 *   lookups: {
 *     customer_key: lookup(dimCustomer, { customer_id: order.customer_id }, { at: order.ordered_at, inferred: true }),
 *     date_key: lookup(dateDim, { date: sql<string>`(${order.ordered_at} at time zone 'UTC')::date` }),
 *   },
 *   disposition: 'replace',
 * });
 * ```
 */
export function defineFact<
  F extends Table,
  const J extends readonly Join[] = [],
  const S = unknown,
  const L = unknown,
>(target: TableSource<F>, spec: FactSpec<F, J, S, L>): SqlTransform<F> {
  const { select, lookups, key, joins = [] as unknown as J, ...rest } = spec;
  const targetColumns = getTableColumns(sourceParts(target).table) as Record<string, Column>;
  const lookupJoins: Join[] = [];
  const lookupSelect: Record<string, unknown> = {};
  const dimensionOf = new Map<unknown, TableSource>();
  for (const [factKey, lk] of Object.entries(lookups as Record<string, Lookup>)) {
    const factColumn = targetColumns[factKey];
    if (!factColumn) {
      throw new DatakitError('USAGE', `Fact: lookup "${factKey}" is not a column of the fact`, {
        hint: `Name the fact's key columns: ${Object.keys(targetColumns).join(', ')}.`,
        context: { column: factKey },
      });
    }
    const dim = sourceParts(lk.dimension.target);
    const aliased = alias(dim.table as PgTable, `datakit_${factColumn.name}`);
    const cols = columnsByName(aliased);
    const col = (name: string) => cols.get(name) as Column;
    const conditions: SQL[] = Object.entries(lk.key).map(([bk, expr]) => sql`${col(bk)} = ${expr}`);
    if (lk.dimension.versioned) {
      conditions.push(
        lk.at === undefined
          ? sql`${col('is_current')}`
          : sql`${col('valid_from')} <= ${lk.at} and ${lk.at} < ${col('valid_to')}`,
      );
    }
    const source = dim.layer === undefined ? aliased : new InLayer(aliased, dim.layer);
    dimensionOf.set(source, lk.dimension.target);
    lookupJoins.push(leftJoin(source, and(...conditions) as SQL));
    lookupSelect[factKey] = sql<number>`coalesce(${col(lk.dimension.surrogateKey)}, -1)`;
  }
  const plan = buildPlan(target, {
    ...rest,
    joins: [...joins, ...lookupJoins],
    select: { ...(select as Record<string, unknown>), ...lookupSelect },
    ...(key ? { key: key as readonly string[] } : {}),
  });
  const inferred = Object.values(lookups as Record<string, Lookup>).filter((l) => l.inferred);
  const joined = sqlTransformOf<F>(plan);
  // The pipeline places what a task reads: the dimensions, not the aliases they are joined under.
  const fact = { ...joined, reads: joined.reads.map((r) => dimensionOf.get(r) ?? r) };
  if (inferred.length === 0) return fact;
  const prelude = inferredMembers(plan.name, { from: rest.from, joins, where: rest.where }, inferred);
  return { ...fact, run: (conn, options) => runTransformPlan(conn, plan, options, prelude) };
}
