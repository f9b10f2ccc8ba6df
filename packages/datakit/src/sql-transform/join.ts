import type { SQL, Table } from 'drizzle-orm';
import type { TableSource } from './in-layer.js';

/**
 * How a table joins the query: `inner` keeps matching rows only, `left` keeps every row and makes
 * the joined table's columns nullable (in the select map's types too).
 *
 * @example
 * ```ts
 * const kind: JoinKind = 'left';
 * ```
 */
export type JoinKind = 'inner' | 'left';

/**
 * One join of a SQL transform.
 *
 * @example
 * ```ts
 * const j: Join<typeof order, 'inner'> = innerJoin(inLayer(order, 'silver'), eq(order.id, orderLine.order_id));
 * ```
 */
export interface Join<T extends Table = Table, K extends JoinKind = JoinKind> {
  readonly kind: K;
  readonly source: TableSource<T>;
  readonly on: SQL;
}

/**
 * An inner join: `innerJoin(inLayer(order, 'silver'), eq(order.id, orderLine.order_id))`.
 *
 * @example
 * ```ts
 * defineSqlTransform(target, { from, joins: [innerJoin(inLayer(order, 'silver'), eq(order.id, line.order_id))], select, disposition: 'append' });
 * ```
 */
export function innerJoin<T extends Table>(source: TableSource<T>, on: SQL): Join<T, 'inner'> {
  return { kind: 'inner', source, on };
}

/**
 * A left join: every row of the query stays; the joined table's columns may be null, and the
 * select map's types say so (a left-joined NOT NULL column does not fit a NOT NULL target column).
 *
 * @example
 * ```ts
 * joins: [leftJoin(inLayer(address, 'silver'), eq(address.customer_id, customer.id))]
 * ```
 */
export function leftJoin<T extends Table>(source: TableSource<T>, on: SQL): Join<T, 'left'> {
  return { kind: 'left', source, on };
}

/**
 * The names of the left-joined tables in a list of joins, as columns carry them in their types.
 *
 * @example
 * ```ts
 * type N = LeftJoinedNames<[Join<typeof address, 'left'>]>; // 'address'
 * ```
 */
export type LeftJoinedNames<J> = J extends readonly (infer X)[]
  ? X extends Join<infer T, 'left'>
    ? T['_']['name']
    : never
  : never;
