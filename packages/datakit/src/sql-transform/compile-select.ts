import { DatakitError } from '../errors/datakit-error.js';
import type { ColumnSchema } from '../schema/table-schema.js';
import { drizzleTableNames } from './drizzle-table-names.js';
import { sourceParts } from './in-layer.js';
import { isRowLocal } from './row-local.js';
import type { SqlWriter } from './sql-writer.js';
import type { TransformPlan } from './transform-plan.js';

/**
 * The aliases of the `from` table and the joins; a name used twice is refused (use `alias()`).
 *
 * @example
 * ```ts
 * querySources(plan); // Set { 'order_line', 'order' }
 * ```
 * @internal
 */
export function queryScope(plan: Pick<TransformPlan, 'name' | 'from' | 'joins'>): Set<string> {
  const scope = new Set<string>();
  for (const source of [plan.from, ...plan.joins.map((j) => j.source)]) {
    const { alias } = drizzleTableNames(sourceParts(source).table);
    if (scope.has(alias)) {
      throw new DatakitError('USAGE', `Transform "${plan.name}" names table "${alias}" twice in from/joins`, {
        hint: "Give the second one another name with alias(table, 'other_name') from drizzle-orm/pg-core.",
        context: { table: alias },
      });
    }
    scope.add(alias);
  }
  return scope;
}

/**
 * `SELECT <select map> FROM <from> [JOIN ...] [WHERE] [GROUP BY] [HAVING]`, each output named
 * after its target column. With `dedupe`, the `from` table is first reduced to the latest row
 * per business key (`DISTINCT ON`; without joins, where or grouping, a select map of row-local
 * expressions is evaluated in that same query, so on superseded rows too). `cast` renders each
 * output as `cast(expr as type)`.
 *
 * @example
 * ```ts
 * compileSelect(plan, writer, { cast: (column) => 'integer' }); // select cast(... as integer) as "id", ... from "bronze"."customer" as "customer"
 * ```
 * @internal
 */
export function compileSelect(
  plan: TransformPlan,
  w: SqlWriter,
  options: {
    cast?: (column: ColumnSchema) => string;
    extra?: readonly { alias: string; expr: unknown }[];
  } = {},
): string {
  w.scope = queryScope(plan);
  const outputs = plan.select.map(({ column, expr }) => {
    const text = w.expr(expr);
    const value = options.cast ? `cast(${text} as ${options.cast(column)})` : text;
    return `${value} as ${w.q(column.name)}`;
  });
  const from = sourceParts(plan.from);
  const alias = w.q(drizzleTableNames(from.table).alias);
  let fromSql = `${w.table(plan.from)} as ${alias}`;
  for (const extra of options.extra ?? []) outputs.push(`${w.expr(extra.expr)} as ${w.q(extra.alias)}`);
  if (plan.dedupe) {
    const key = plan.dedupe.key.map((k) => w.expr(k)).join(', ');
    const latest = plan.dedupe.latest.map((l) => `${w.expr(l)} desc nulls last`).join(', ');
    const order = ` order by ${key}, ${latest}`;
    const alone =
      plan.joins.length === 0 &&
      plan.where === undefined &&
      !plan.distinct &&
      (plan.groupBy ?? []).length === 0 &&
      plan.having === undefined &&
      outputs.every(isRowLocal);
    // The select map in the DISTINCT ON query itself lets PostgreSQL evaluate it in the parallel
    // workers of the scan, before the sort (about 14% faster on 1M rows). Joins, where, grouping,
    // and aggregates, windows or unknown functions must see only the latest rows: those read the
    // deduplicated table instead.
    if (alone) return `select distinct on (${key}) ${outputs.join(', ')} from ${fromSql}${order}`;
    fromSql = `(select distinct on (${key}) * from ${fromSql}${order}) as ${alias}`;
  }
  const joins = plan.joins.map(
    (j) =>
      ` ${j.kind} join ${w.table(j.source)} as ${w.q(drizzleTableNames(sourceParts(j.source).table).alias)} on ${w.expr(j.on)}`,
  );
  let sql = `select ${plan.distinct ? 'distinct ' : ''}${outputs.join(', ')} from ${fromSql}${joins.join('')}`;
  if (plan.where !== undefined) sql += ` where ${w.expr(plan.where)}`;
  if (plan.groupBy && plan.groupBy.length > 0)
    sql += ` group by ${plan.groupBy.map((g) => w.expr(g)).join(', ')}`;
  if (plan.having !== undefined) sql += ` having ${w.expr(plan.having)}`;
  return sql;
}
