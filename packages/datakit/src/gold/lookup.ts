import { type Column, getTableColumns, type Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import type { SelectMapError, TargetRow } from '../sql-transform/checked-select.js';
import type { ExpressionValue } from '../sql-transform/expression-value.js';
import { sourceParts, type TableSource } from '../sql-transform/in-layer.js';
import type { DimensionRef } from './dimension-ref.js';

/**
 * How a fact finds a dimension row: the business key's values as expressions over the fact's
 * source, the event time to find the version valid then (versioned dimensions; without it the
 * current version), and whether unknown keys become inferred members.
 *
 * @example
 * ```ts
 * const l: Lookup = lookup(dimCustomer, { customer_id: order.customer_id }, { at: order.ordered_at, inferred: true });
 * ```
 */
export interface Lookup {
  readonly dimension: DimensionRef;
  /** Business key column (SQL name) → expression over the fact's source. */
  readonly key: Readonly<Record<string, unknown>>;
  readonly at?: unknown;
  readonly inferred: boolean;
}

/**
 * The key map of a lookup checked against the dimension: each key a column of it, each expression
 * of the column's type (null is allowed: it finds nothing, so the unknown member).
 *
 * @example
 * ```ts
 * type Ok = LookupKey<typeof dimCustomer, { customer_id: typeof order.customer_id }>;
 * ```
 */
export type LookupKey<D extends Table, K> = {
  [P in keyof K]: P extends keyof TargetRow<D>
    ? [NonNullable<ExpressionValue<K[P]>>] extends [NonNullable<TargetRow<D>[P]>]
      ? unknown
      : SelectMapError<`key column "${P & string}" has another type than this expression`>
    : SelectMapError<`the dimension has no column "${P & string}"`>;
};

/**
 * Looks a dimension up from a fact: `key` maps the dimension's business key columns to
 * expressions over the fact's source. A versioned (SCD2) dimension is matched at `at`
 * (`valid_from <= at < valid_to`), or on its current version without `at`; no match gives the
 * unknown member's key -1. With `inferred: true`, a key the dimension has never seen first becomes
 * an inferred member (a placeholder version that the dimension completes when the key arrives).
 *
 * @example
 * ```ts
 * lookups: {
 *   customer_key: lookup(dimCustomer, { customer_id: order.customer_id }, { at: order.ordered_at, inferred: true }),
 *   date_key: lookup(dateDim, { date: sql<string>`(${order.ordered_at} at time zone 'UTC')::date` }),
 * }
 * ```
 */
export function lookup<D extends Table, const K>(
  dimension: DimensionRef & { readonly target: TableSource<D> },
  key: K & LookupKey<D, K>,
  options: { at?: unknown; inferred?: boolean } = {},
): Lookup {
  const columns = getTableColumns(sourceParts(dimension.target).table) as Record<string, Column>;
  const byName: Record<string, unknown> = {};
  for (const [k, expr] of Object.entries(key as Record<string, unknown>))
    byName[columns[k]?.name ?? k] = expr;
  const given = Object.keys(byName);
  const expected = [...dimension.businessKey];
  const missing = expected.filter((k) => !given.includes(k));
  if (missing.length > 0 || given.length !== expected.length) {
    throw new DatakitError(
      'USAGE',
      `lookup: the key map names ${given.join(', ') || 'nothing'}, the dimension's business key is ${expected.join(', ')}`,
      {
        hint: `Give one expression per business key column: { ${expected.map((k) => `${k}: ...`).join(', ')} }.`,
      },
    );
  }
  if (options.at !== undefined && !dimension.versioned) {
    throw new DatakitError('USAGE', 'lookup: `at` applies to versioned (SCD2) dimensions only', {
      hint: 'Remove `at`: this dimension has one row per key.',
    });
  }
  if (options.inferred && !dimension.inferredValues) {
    throw new DatakitError('USAGE', "lookup: inferred members need the dimension's `inferred` values", {
      hint: 'Give the dimension `inferred: { ...values of its other NOT NULL columns }`, or drop `inferred: true`.',
    });
  }
  return {
    dimension,
    key: byName,
    ...(options.at === undefined ? {} : { at: options.at }),
    inferred: options.inferred ?? false,
  };
}
