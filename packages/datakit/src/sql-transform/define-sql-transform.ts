import type { Column, SQL, Table } from 'drizzle-orm';
import type { Connection } from '../dialect/connection.js';
import { familyOfTable } from '../dialect/families.js';
import { buildPlan } from './build-plan.js';
import type { CheckedSelect, TargetRow } from './checked-select.js';
import { type CompileContext, type CompiledTransform, compileTransform } from './compile-transform.js';
import { expressionColumns } from './expression-columns.js';
import { InLayer, sourceParts, type TableSource } from './in-layer.js';
import type { Join, LeftJoinedNames } from './join.js';
import { type RunTransformOptions, runTransformPlan, type SqlTransformResult } from './run-transform-plan.js';
import { type TransformLineage, transformLineage } from './transform-lineage.js';
import type { SqlDisposition, TransformPlan } from './transform-plan.js';

/**
 * A rule rows must keep: a row whose `check` is not true goes to the rejects table with `message`
 * (and the rule's name, column and hint) instead of the target.
 *
 * @example
 * ```ts
 * const rule: TransformRule<'email'> = { name: 'email-format', column: 'email', check: sql`${customer.email} like '%@%'`, message: 'email has no @' };
 * ```
 */
export interface TransformRule<K extends string = string> {
  name: string;
  check: SQL;
  column?: K;
  message: string;
  hint?: string;
}

/**
 * The definition of a SQL transform: rows of `from` (joined, filtered, grouped, deduplicated)
 * mapped by `select` to the target's columns and written with `disposition`.
 *
 * @example
 * ```ts
 * const spec = { from: inLayer(customer, 'bronze'), select: { id: customer.id, name: trim(customer.name) }, disposition: 'merge' } as const;
 * ```
 */
export interface SqlTransformSpec<Target extends Table, J extends readonly Join[], S> {
  /** Shown in results and errors; default `<layer>.<table>`. */
  name?: string;
  from: TableSource;
  joins?: J;
  /** Target column → expression; checked by `tsc` against the target (see {@link CheckedSelect}). */
  select: S & CheckedSelect<TargetRow<Target>, S, LeftJoinedNames<J>>;
  where?: SQL;
  groupBy?: readonly (Column | SQL)[];
  having?: SQL;
  /**
   * Keep one row per business key of `from`: the one with the greatest `latest`. Without joins,
   * `where` or grouping, a select map of plain per-row functions (no aggregate, window or unknown
   * function) is evaluated in the deduplicating scan (in parallel), on superseded rows too: an
   * expression that can raise an error (an unguarded cast) raises it for them.
   */
  dedupe?: { key: readonly Column[]; latest: Column | SQL | readonly (Column | SQL)[] };
  disposition: SqlDisposition;
  /** Business key of merge/history (target columns); default the target's primary key. */
  key?: readonly (keyof TargetRow<Target> & string)[];
  /** Reject rows that break the target contract (NOT NULL, lengths, enums, checks, keys, uniques, foreign keys). */
  constrain?: boolean;
  rules?: readonly TransformRule<keyof S & string>[];
  /** history: close the open version of keys missing from the result (a full extract). */
  deletes?: 'ignore' | 'close';
}

/**
 * A typed set-based transform that runs inside the warehouse as SQL.
 *
 * @example
 * ```ts
 * const result = await silverCustomer.run(conn, { at: logicalTime });
 * silverCustomer.lineage.columns; // [{ column: 'email', sources: [{ table: 'customer', layer: 'bronze', column: 'email' }] }, ...]
 * ```
 */
export interface SqlTransform<Target extends Table = Table> {
  readonly kind: 'sql-transform';
  readonly name: string;
  readonly target: TableSource<Target>;
  readonly disposition: SqlDisposition;
  /** Target column ← source columns, from the select map. */
  readonly lineage: TransformLineage;
  /** Every table the transform reads (for pipeline edges), with `constrain` its foreign keys' parents too. */
  readonly reads: readonly TableSource[];
  /** @internal */
  readonly plan: TransformPlan;
  /** The statements one run executes, without running them. */
  compile(ctx: CompileContext): CompiledTransform;
  /** Runs the transform in one transaction (a savepoint inside a caller's transaction). */
  run(conn: Connection, options?: RunTransformOptions): Promise<SqlTransformResult>;
}

/**
 * Wraps a plan as a {@link SqlTransform}. @internal
 *
 * @example
 * ```ts
 * const transform = sqlTransformOf(buildPlan(target, input));
 * ```
 */
export function sqlTransformOf<Target extends Table>(plan: TransformPlan): SqlTransform<Target> {
  const lineage = transformLineage(plan);
  const parts = [
    plan.select.map((s) => s.expr),
    plan.where,
    plan.having,
    plan.groupBy,
    plan.joins.map((j) => j.on),
  ];
  const reads: TableSource[] = [plan.from, ...plan.joins.map((j) => j.source)];
  const target = sourceParts(plan.target);
  // With `constrain`, the foreign-key rules read each parent in the target's layer.
  const parents = plan.constrain
    ? familyOfTable(target.table)
        .drizzle.tableConfig(target.table)
        .foreignKeys.map((fk) => fk.reference().foreignTable as Table)
        .filter((parent) => parent !== target.table)
        .map((parent) => (target.layer === undefined ? parent : new InLayer(parent, target.layer)))
    : [];
  for (const table of [...expressionColumns(parts).tables, ...parents]) {
    if (
      !reads.some((r) =>
        r instanceof InLayer
          ? r.table === sourceParts(table).table && r.layer === sourceParts(table).layer
          : r === table,
      )
    ) {
      reads.push(table);
    }
  }
  return {
    kind: 'sql-transform',
    name: plan.name,
    target: plan.target as TableSource<Target>,
    disposition: plan.disposition,
    lineage,
    reads,
    plan,
    compile: (ctx) => compileTransform(plan, ctx),
    run: (conn, options) => runTransformPlan(conn, plan, options),
  };
}

/**
 * Defines a typed set-based SQL transform: compiled to `INSERT ... SELECT` or PostgreSQL 15
 * `MERGE`, run inside the warehouse (no rows through Node). The select map is checked by `tsc`:
 * a column the target lacks, a missing required column, a value of the wrong type, or a nullable
 * expression into a NOT NULL column does not compile. Identifiers are quoted, values parameters.
 *
 * @example
 * ```ts
 * import { sql } from 'drizzle-orm';
 * export const silverCustomer = defineSqlTransform(inLayer(customer, 'silver'), {
 *   from: inLayer(customer, 'bronze'),
 *   dedupe: { key: [customer.id], latest: customer.updated_at },
 *   select: { id: customer.id, name: trim(customer.name), email: lower(trim(customer.email)), status: customer.status,
 *     source_created_at: customer.source_created_at, source_updated_at: customer.source_updated_at },
 *   rules: [{ name: 'email-format', column: 'email', check: sql`${customer.email} like '%@%'`, message: 'email has no @' }],
 *   constrain: true,
 *   disposition: 'merge',
 * });
 * ```
 */
export function defineSqlTransform<
  Target extends Table,
  const J extends readonly Join[] = [],
  const S = unknown,
>(target: TableSource<Target>, spec: SqlTransformSpec<Target, J, S>): SqlTransform<Target> {
  const { select, rules, key, ...rest } = spec;
  return sqlTransformOf(
    buildPlan(target, {
      ...rest,
      select: select as Record<string, unknown>,
      ...(key ? { key: key as readonly string[] } : {}),
      ...(rules ? { rules: rules as readonly TransformRule[] } : {}),
    }),
  );
}
