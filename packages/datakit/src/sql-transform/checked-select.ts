import type { InferInsertModel, Table } from 'drizzle-orm';
import type { ExpressionValue } from './expression-value.js';

/**
 * A type no expression has, carrying the reason as its message: what `tsc` prints when a select
 * map does not fit its target.
 *
 * @example
 * ```ts
 * type E = SelectMapError<'the target has no column "nickname"'>;
 * ```
 */
export interface SelectMapError<Message extends string> {
  readonly __selectMapError: Message;
}

/**
 * The insert row of `T` without the columns `Omitted` (filled by the helper, e.g. SCD2 columns),
 * keeping optional columns optional.
 *
 * @example
 * ```ts
 * type Row = TargetRow<typeof dimCustomer, 'valid_from' | 'valid_to'>;
 * ```
 */
export type TargetRow<T extends Table, Omitted extends PropertyKey = never> = {
  [K in keyof InferInsertModel<T> as K extends Omitted ? never : K]: InferInsertModel<T>[K];
};

type RequiredKeys<Row> = {
  [K in keyof Row]-?: Record<never, never> extends Pick<Row, K> ? never : K;
}[keyof Row];

type CheckValue<K extends string, V, Wanted> = [V] extends [Wanted]
  ? unknown
  : [NonNullable<V>] extends [Wanted]
    ? SelectMapError<`column "${K}" is NOT NULL but this expression may be null: use coalesce(...) or filter the nulls`>
    : SelectMapError<`column "${K}" has another type than this expression (an untyped sql\`\` is unknown: write sql<T>\`...\`)`>;

/**
 * The select map `S` checked against the target row `Row`: each key must be a column of the
 * target, each expression's value must fit its column (a nullable expression does not fit a NOT
 * NULL column), and every required column must be there. Columns of tables named in `Nullable`
 * (left-joined) count as nullable. Intersected with `S` in a parameter, a misfit is a compile error
 * whose message names the column.
 *
 * @example
 * ```ts
 * function f<const S>(select: S & CheckedSelect<TargetRow<typeof silverCustomer>, S>) {}
 * f({ id: customer.id, name: customer.email }); // error: column "name" is NOT NULL but this expression may be null
 * ```
 */
export type CheckedSelect<Row, S, Nullable extends string = never> = {
  [K in keyof S]: K extends keyof Row & string
    ? CheckValue<K, ExpressionValue<S[K], Nullable>, Exclude<Row[K], undefined>>
    : SelectMapError<`the target has no column "${K & string}"`>;
} & {
  [K in RequiredKeys<Row> as K extends keyof S
    ? never
    : K]: SelectMapError<`required column "${K & string}" is missing from the select map`>;
};
