import type { Column, SQL } from 'drizzle-orm';

/**
 * The TypeScript value an expression yields: a column's data type (with `null` when the column is
 * nullable, or belongs to a table named in `Nullable`, i.e. left-joined), the `T` of `sql<T>`, or
 * a plain value itself. An untyped `sql` template yields `unknown`, which fits no column.
 *
 * @example
 * ```ts
 * type A = ExpressionValue<typeof customer.email>; // string | null
 * type B = ExpressionValue<SQL<number>>; // number
 * type C = ExpressionValue<typeof customer.name, 'customer'>; // string | null (left-joined)
 * ```
 */
export type ExpressionValue<E, Nullable extends string = never> = E extends Column
  ? E['_']['notNull'] extends true
    ? [E['_']['tableName']] extends [Nullable]
      ? E['_']['data'] | null
      : E['_']['data']
    : E['_']['data'] | null
  : E extends SQL.Aliased<infer V>
    ? V
    : E extends SQL<infer V>
      ? V
      : E;

/**
 * An expression that yields `V`: a column, a `sql<V>` template, or a value.
 *
 * @example
 * ```ts
 * const e: Expression<string> = sql<string>`trim(${customer.name})`;
 * ```
 */
export type Expression<V = unknown> = Column | SQL<V> | SQL.Aliased<V> | V;
