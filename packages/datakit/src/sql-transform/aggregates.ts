import { type SQL, sql } from 'drizzle-orm';

/**
 * `coalesce(sum(e), 0)` as numeric: the total of a group, 0 for no rows, never null (Drizzle's
 * `sum` is nullable). Typed as text like every numeric.
 *
 * @example
 * ```ts
 * select: { revenue: total(fact.amount) }, groupBy: [fact.month]
 * ```
 */
export function total(e: unknown): SQL<string> {
  return sql<string>`coalesce(sum(${e}), 0)::numeric`;
}

/**
 * `count(*)` of a group as an integer.
 *
 * @example
 * ```ts
 * select: { orders: countRows() }, groupBy: [order.customer_id]
 * ```
 */
export function countRows(): SQL<number> {
  return sql<number>`count(*)::integer`;
}

/**
 * `count(distinct e)` as an integer.
 *
 * @example
 * ```ts
 * select: { customers: countDistinct(order.customer_id) }
 * ```
 */
export function countDistinct(e: unknown): SQL<number> {
  return sql<number>`count(distinct ${e})::integer`;
}
