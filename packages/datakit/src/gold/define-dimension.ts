import { type Column, getTableColumns, type SQL, type Table } from 'drizzle-orm';
import type { Connection, Dialect } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import { buildPlan } from '../sql-transform/build-plan.js';
import type { CheckedSelect, TargetRow } from '../sql-transform/checked-select.js';
import { sourceParts, type TableSource } from '../sql-transform/in-layer.js';
import type { Join, LeftJoinedNames } from '../sql-transform/join.js';
import type { PlaceOptions } from '../sql-transform/resolve-table.js';
import { type TransformLineage, transformLineage } from '../sql-transform/transform-lineage.js';
import type { Scd2Column } from './dimension-columns.js';
import { type DimensionPlan, dimensionPlan } from './dimension-plan.js';
import type { DimensionRef } from './dimension-ref.js';
import { dimensionDdl, prepareDimension } from './prepare-dimension.js';
import { type DimensionResult, type RunDimensionOptions, runDimension } from './run-dimension.js';

/**
 * How an SCD2 dimension treats a key that is gone from its source: `ignore` it (the current
 * version stays), `close` its current version (no current row until it comes back), or close it
 * and open a `version` marked `is_deleted`.
 *
 * @example
 * ```ts
 * const d: DeleteMode = 'version';
 * ```
 */
export type DeleteMode = 'ignore' | 'close' | 'version';

/**
 * The definition of an SCD2 dimension: a select map from its source (checked by `tsc` against the
 * dimension without its surrogate key and SCD2 columns), the business key, and how deletes, the
 * first version and the unknown and inferred members behave.
 *
 * @example
 * ```ts
 * const spec = { from: inLayer(customer, 'silver'), select: { customer_id: customer.id, name: customer.name },
 *   businessKey: ['customer_id'], surrogateKey: 'customer_key', deletes: 'close' };
 * ```
 */
export interface DimensionSpec<D extends Table, J extends readonly Join[], S, SK extends string> {
  name?: string;
  from: TableSource;
  joins?: J;
  where?: SQL;
  select: S & CheckedSelect<TargetRow<D, Scd2Column | SK>, S, LeftJoinedNames<J>>;
  surrogateKey: SK;
  businessKey: readonly (keyof TargetRow<D, Scd2Column | SK> & string)[];
  /** When the source has several rows of a key, the one with the greatest `latest` is taken. */
  latest?: Column | SQL | readonly (Column | SQL)[];
  /** Default `close`. */
  deletes?: DeleteMode;
  /** A new key's first version is valid from `beginning` (-infinity, the default: facts older than the first load find it) or from the run's time. */
  firstVersionFrom?: 'beginning' | 'at';
  /**
   * How a run reads the source: `stage` evaluates it once into a temporary table, `direct` reads it
   * in each statement (cheaper for a plain table). Default `auto`: direct for a source without
   * joins, grouping or `latest`.
   */
  strategy?: 'auto' | 'stage' | 'direct';
  /** The row with surrogate key -1 that facts point to when no version matches (inserted by `prepare`). */
  unknownMember?: Partial<TargetRow<D, Scd2Column | SK>>;
  /** The values of an inferred member's other columns; facts may then create inferred members. */
  inferred?: Partial<TargetRow<D, Scd2Column | SK>>;
}

/**
 * An SCD2 dimension: `prepare` creates its partial unique index (never two current rows of a key)
 * and unknown member; `run` applies its source in one transaction under an advisory lock.
 *
 * @example
 * ```ts
 * await dimCustomer.prepare(conn);
 * const r = await dimCustomer.run(conn, { at: logicalTime });
 * console.log(r.rows); // { staged, new, changed, reopened, inferred, deleted, unchanged }
 * ```
 */
export interface Scd2Dimension<D extends Table = Table> extends DimensionRef {
  readonly kind: 'scd2-dimension';
  readonly name: string;
  readonly target: TableSource<D>;
  readonly lineage: TransformLineage;
  readonly reads: readonly TableSource[];
  /** @internal */
  readonly plan: DimensionPlan;
  /** The statements `prepare` runs (for a deploy plan): partial unique index, lookup index, unknown member. */
  ddl(dialect: Dialect, options?: PlaceOptions): { sql: string; params: unknown[] }[];
  /** Runs {@link Scd2Dimension.ddl} in one transaction; idempotent. */
  prepare(conn: Connection, options?: PlaceOptions): Promise<void>;
  run(conn: Connection, options?: RunDimensionOptions): Promise<DimensionResult>;
}

/**
 * Defines an SCD2 dimension with identity surrogate keys, `valid_from`, `valid_to`, `is_current`
 * (see {@link scd2Columns}): unchanged rows untouched; a change closes the current version at the
 * run's logical time and opens a new one; a deleted key handled by `deletes`; a key that comes
 * back re-opened; columns compared one by one with `IS DISTINCT FROM`.
 *
 * @example
 * ```ts
 * export const dimCustomer = defineDimension(inLayer(dimCustomerTable, 'gold'), {
 *   from: inLayer(customer, 'silver'),
 *   select: { customer_id: customer.id, name: customer.name, country: customer.country },
 *   businessKey: ['customer_id'],
 *   surrogateKey: 'customer_key',
 *   unknownMember: { customer_id: -1, name: 'Unknown' },
 *   inferred: { name: 'Unknown (inferred)' },
 * });
 * ```
 */
export function defineDimension<
  D extends Table,
  const J extends readonly Join[] = [],
  const S = unknown,
  const SK extends string = string,
>(target: TableSource<D>, spec: DimensionSpec<D, J, S, SK>): Scd2Dimension<D> {
  const {
    select,
    surrogateKey,
    businessKey,
    latest,
    deletes,
    firstVersionFrom,
    strategy,
    unknownMember,
    inferred,
    ...rest
  } = spec;
  const columns = getTableColumns(sourceParts(target).table) as Record<string, Column>;
  const sk = columns[surrogateKey]?.name;
  if (sk === undefined) {
    throw new DatakitError(
      'USAGE',
      `Dimension: surrogate key "${surrogateKey}" is not a column of the dimension`,
      {
        hint: 'Name the dimension\'s surrogate key column, e.g. surrogateKey: "customer_key" (see surrogateKey()).',
        context: { column: surrogateKey },
      },
    );
  }
  const base = buildPlan(target, {
    ...rest,
    select: select as Record<string, unknown>,
    disposition: 'append',
    filled: [sk, 'valid_from', 'valid_to', 'is_current', 'is_deleted', 'is_inferred'],
  });
  const plan = dimensionPlan(base, {
    surrogateKey: sk,
    businessKey: businessKey as readonly string[],
    ...(latest === undefined ? {} : { latest: Array.isArray(latest) ? latest : [latest] }),
    deletes: deletes ?? 'close',
    firstVersionFrom: firstVersionFrom ?? 'beginning',
    ...(strategy ? { strategy } : {}),
    ...(unknownMember ? { unknownMember: unknownMember as Record<string, unknown> } : {}),
    ...(inferred ? { inferred: inferred as Record<string, unknown> } : {}),
  });
  return {
    kind: 'scd2-dimension',
    name: plan.base.name,
    target,
    businessKey: plan.businessKey,
    surrogateKey: plan.surrogateKey,
    versioned: true,
    ...(plan.inferred ? { inferredValues: plan.inferred } : {}),
    lineage: transformLineage(plan.base),
    reads: [plan.base.from, ...plan.base.joins.map((j) => j.source)],
    plan,
    ddl: (dialect, options) => dimensionDdl(plan, dialect, options),
    prepare: (conn, options) => prepareDimension(conn, plan, options),
    run: (conn, options) => runDimension(conn, plan, options),
  };
}
