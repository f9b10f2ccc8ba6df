import { type Column, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { buildPlan } from '../sql-transform/build-plan.js';
import { type CompileContext, compileTransform } from '../sql-transform/compile-transform.js';
import type { Statement } from '../sql-transform/compile-write.js';
import { sourceParts, type TableSource } from '../sql-transform/in-layer.js';
import type { Join } from '../sql-transform/join.js';
import { SqlWriter } from '../sql-transform/sql-writer.js';
import type { Lookup } from './lookup.js';

/**
 * The statements that add inferred members before a fact loads: for each lookup with
 * `inferred: true`, the dimension's advisory lock, then `INSERT ... SELECT DISTINCT` of the keys
 * the fact's rows name that the dimension has never had (no version at all), as current versions
 * valid forever, marked `is_inferred`. @internal
 *
 * @example
 * ```ts
 * const prelude = inferredMembers('gold.fact_order_line', { from, joins, where }, [customerLookup]);
 * ```
 */
export function inferredMembers(
  factName: string,
  query: { from: TableSource; joins: readonly Join[]; where: SQL | undefined },
  lookups: readonly Lookup[],
): (ctx: CompileContext) => Statement[] {
  const plans = lookups.map((lk) => {
    const dim = sourceParts(lk.dimension.target);
    const keyOf = new Map(
      Object.entries(getTableColumns(dim.table) as Record<string, Column>).map(([k, c]) => [c.name, k]),
    );
    const select: Record<string, unknown> = {};
    for (const [name, expr] of Object.entries(lk.key)) select[keyOf.get(name) ?? name] = expr;
    for (const [name, value] of Object.entries(lk.dimension.inferredValues ?? {}))
      select[keyOf.get(name) ?? name] = value;
    if (lk.dimension.versioned) {
      Object.assign(select, {
        [keyOf.get('valid_from') ?? 'valid_from']: sql`'-infinity'::timestamptz`,
        [keyOf.get('valid_to') ?? 'valid_to']: sql`'infinity'::timestamptz`,
        [keyOf.get('is_current') ?? 'is_current']: true,
        [keyOf.get('is_deleted') ?? 'is_deleted']: false,
        [keyOf.get('is_inferred') ?? 'is_inferred']: true,
      });
    }
    const d = sql.identifier('datakit_dim');
    const present = Object.values(lk.key).map((expr) => sql`${expr} is not null`);
    const matches = Object.entries(lk.key).map(([name, expr]) => sql`${d}.${sql.identifier(name)} = ${expr}`);
    const where = sql.join(
      [
        ...(query.where ? [query.where] : []),
        ...present,
        sql`not exists (select 1 from ${lk.dimension.target} as ${d} where ${sql.join(matches, sql` and `)})`,
      ],
      sql` and `,
    );
    const plan = buildPlan(lk.dimension.target, {
      name: `${factName}: inferred members`,
      from: query.from,
      joins: query.joins,
      where,
      select,
      disposition: 'append',
    });
    return { ...plan, distinct: true };
  });
  return (ctx) =>
    plans.flatMap((plan) => {
      const w = new SqlWriter(ctx.dialect.adapter, ctx.place);
      const target = w.place(plan.target);
      const lock: Statement = {
        step: 'lock',
        sql: `select pg_advisory_xact_lock(hashtext('datakit.dimension'), hashtext(${w.param(`${target.schema ?? ''}.${target.name}`)}))`,
        params: w.params,
      };
      return [
        lock,
        ...compileTransform(plan, ctx).statements.map((s) => ({ ...s, step: 'inferred' as const })),
      ];
    });
}
