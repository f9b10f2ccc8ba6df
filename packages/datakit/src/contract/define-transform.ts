import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';

/**
 * The lineage columns the transfer engine fills on bronze targets; transforms never set them.
 *
 * @example
 * ```ts
 * const filled: LineageKey[] = ['_load_id', '_loaded_at'];
 * ```
 */
export type LineageKey = '_load_id' | '_loaded_at' | '_source_system' | '_source_table';

/**
 * What a transform knows besides the row: the load it runs in and where the row came from.
 *
 * @example
 * ```ts
 * const ctx: TransformContext = { loadId: crypto.randomUUID(), logicalTime: new Date(), source: { system: 'system-a', table: 'customer' } };
 * ```
 */
export interface TransformContext {
  readonly loadId: string;
  /** The time the run stands for (a schedule tick or backfill date), not the wall clock. */
  readonly logicalTime: Date;
  readonly source: { readonly system: string; readonly table: string };
}

/**
 * The row a transform returns for target table `T`: its insert row (columns with defaults are
 * optional), without the lineage columns the engine fills.
 *
 * @example
 * ```ts
 * type BronzeCustomer = TransformOutput<typeof bronzeCustomer>;
 * ```
 */
export type TransformOutput<T extends Table> = WithoutLineage<InferInsertModel<T>>;

/** `Omit` that keeps optional keys optional (Drizzle's insert models lose them through `Omit`). */
type WithoutLineage<I> = { [K in keyof I as K extends LineageKey ? never : K]: I[K] };

/**
 * `R` itself when it has no key beyond `Shape`; otherwise every extra key becomes `never`, so an
 * object with an unknown column does not compile.
 *
 * @example
 * ```ts
 * type Ok = Exact<{ a: number }, { a: number }>; // { a: number }
 * type Bad = Exact<{ a: number }, { a: number; b: string }>; // b: never, so no value fits
 * ```
 */
export type Exact<Shape, R> = R & Record<Exclude<keyof R, keyof Shape>, never>;

/**
 * A row-to-row function: returns the target row, `null` to drop the row, or throws to reject it
 * (the message goes to the rejects table).
 *
 * @example
 * ```ts
 * const fn: TransformFn<typeof customer, typeof bronzeCustomer> = (row) => ({ id: row.customer_id, name: row.full_name });
 * ```
 */
export type TransformFn<S extends Table, T extends Table> = (
  row: InferSelectModel<S>,
  ctx: TransformContext,
) => TransformOutput<T> | null;

/**
 * A typed transform from one Drizzle table to another, as `transfer` runs it.
 *
 * @example
 * ```ts
 * const out = customerToBronze.apply({ customer_id: 1, full_name: 'Ada', email: 'ADA@X.ORG' });
 * ```
 */
export interface Transform<S extends Table = Table, T extends Table = Table> {
  readonly source: S;
  readonly target: T;
  readonly fn: TransformFn<S, T>;
  /** Runs the function on one row (for unit tests); `ctx` fields default to a test load. */
  apply(row: InferSelectModel<S>, ctx?: Partial<TransformContext>): TransformOutput<T> | null;
}

const TEST_LOAD_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Defines a typed row transform. The compiler rejects a function that reads a column the source
 * does not have, forgets a required target column, or returns a column the target does not have.
 *
 * @example
 * ```ts
 * import { customer } from '../transform/system-a.js';
 * import { bronzeCustomer } from '../transform/bronze.js';
 * export const customerToBronze = defineTransform(customer, bronzeCustomer, (row, ctx) => ({
 *   customer_id: row.customer_id,
 *   full_name: row.full_name.toUpperCase(),
 *   email: row.email.toLowerCase(),
 *   extracted_at: ctx.logicalTime,
 * }));
 * ```
 */
export function defineTransform<S extends Table, T extends Table, R extends TransformOutput<T>>(
  source: S,
  target: T,
  fn: (row: InferSelectModel<S>, ctx: TransformContext) => Exact<TransformOutput<T>, R> | null,
): Transform<S, T> {
  if (typeof fn !== 'function') {
    throw new DatakitError(
      'USAGE',
      'defineTransform needs a function (row, ctx) => targetRow | null as its third argument',
      {
        hint: 'Call defineTransform(sourceTable, targetTable, (row, ctx) => ({ ...columns })).',
      },
    );
  }
  const run = fn as TransformFn<S, T>;
  return {
    source,
    target,
    fn: run,
    apply: (row, ctx = {}) =>
      run(row, {
        loadId: ctx.loadId ?? TEST_LOAD_ID,
        logicalTime: ctx.logicalTime ?? new Date(0),
        source: ctx.source ?? { system: 'test', table: 'test' },
      }),
  };
}
