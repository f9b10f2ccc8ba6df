import { randomBytes } from 'node:crypto';
import type { Dialect } from '../dialect/dialect.js';
import { compileSelect } from '../sql-transform/compile-select.js';
import type { PlacedTable, TablePlacement } from '../sql-transform/resolve-table.js';
import { SqlWriter } from '../sql-transform/sql-writer.js';
import { writeType } from '../sql-transform/write-type.js';
import type { DimensionPlan } from './dimension-plan.js';

/**
 * The statements of one dimension run, by purpose, plus the names the runner reports with.
 * @internal
 *
 * @example
 * ```ts
 * const c = compileDimension(plan, { dialect: conn.dialect, schemas, at });
 * ```
 */
export interface CompiledDimension {
  target: PlacedTable;
  stage: string;
  lock: { sql: string; params: unknown[] };
  last: { sql: string; params: unknown[] };
  stageRows: { sql: string; params: unknown[] };
  analyze: string;
  duplicates?: { sql: string; params: unknown[] };
  actions: { sql: string; params: unknown[] };
  pendingDeletes?: { sql: string; params: unknown[] };
  writes: { step: 'infer' | 'close-changed' | 'delete' | 'open'; sql: string; params: unknown[] }[];
}

/**
 * Compiles an SCD2 run: stage the source (latest row per key) joined to the current versions,
 * classify each key (new, reopen, infer, change, same), then update inferred members in place,
 * close changed versions, handle deletes and open new versions: every statement set-based, every
 * column compared on its own with `IS DISTINCT FROM`.
 *
 * @example
 * ```ts
 * const compiled = compileDimension(plan, { dialect: conn.dialect, schemas, at: new Date() });
 * ```
 * @internal
 */
export function compileDimension(
  plan: DimensionPlan,
  ctx: TablePlacement & { dialect: Dialect; at: Date; loadId: string },
): CompiledDimension {
  const adapter = ctx.dialect.adapter;
  const placement: TablePlacement = {
    ...(ctx.schemas ? { schemas: ctx.schemas } : {}),
    ...(ctx.resolve ? { resolve: ctx.resolve } : {}),
  };
  const w = new SqlWriter(adapter, placement, { run: { at: ctx.at, loadId: ctx.loadId } });
  const q = (n: string) => w.q(n);
  const target = w.place(plan.base.target);
  const d = adapter.quoteTable(target);
  const stage = q(`datakit_dim_${randomBytes(6).toString('hex')}`);
  const cast = writeType(ctx.dialect.createDdlCompiler(), target);
  const kinds = new Map(plan.base.targetSchema.columns.map((c) => [c.name, c.type.kind]));
  const cmp = (c: string) => (kinds.get(c) === 'json' ? '::text' : '');
  const col = (alias: string, c: string) => `${q(alias)}.${q(c)}`;
  const sk = q(plan.surrogateKey);
  const bk = plan.businessKey;
  const attrs = plan.attributes;
  const keyMatch = (a: string, b: string) => bk.map((k) => `${col(a, k)} = ${col(b, k)}`).join(' and ');

  const extra = plan.latest ? plan.latest.map((expr, i) => ({ alias: `datakit_latest_${i}`, expr })) : [];
  let source = compileSelect(plan.base, w, { cast, extra });
  if (plan.latest) {
    const key = bk.map(q).join(', ');
    const order = extra.map((e) => `${q(e.alias)} desc nulls last`).join(', ');
    const outputs = plan.base.select.map((s) => q(s.column.name)).join(', ');
    source = `select ${outputs} from (select distinct on (${key}) * from (${source}) as ${q('datakit_src')} order by ${key}, ${order}) as ${q('datakit_latest')}`;
  }
  const differs = attrs.map((c) => `${col('d', c)}${cmp(c)} is distinct from ${col('s', c)}${cmp(c)}`);
  const stageSql = `create temporary table ${stage} on commit drop as
    select ${[...bk, ...attrs].map((c) => col('s', c)).join(', ')}, ${col('d', plan.surrogateKey)} as "datakit_sk",
      case when ${col('d', plan.surrogateKey)} is null then
          case when exists (select 1 from ${d} as ${q('v')} where ${keyMatch('v', 's')}) then 'reopen' else 'new' end
        when ${col('d', 'is_inferred')} then 'infer'
        when ${[col('d', 'is_deleted'), ...differs].join(' or ')} then 'change'
        else 'same' end as "datakit_action"
    from (${source}) as ${q('s')}
    left join ${d} as ${q('d')} on ${keyMatch('d', 's')} and ${col('d', 'is_current')} and ${col('d', plan.surrogateKey)} <> -1`;
  const stageParams = [...w.params];

  const at = (params: unknown[]) => {
    params.push(ctx.at.toISOString());
    return `${adapter.placeholder(params.length)}::timestamptz`;
  };
  const live = `${col('d', 'is_current')} and not ${col('d', 'is_deleted')} and not ${col('d', 'is_inferred')} and ${col('d', plan.surrogateKey)} <> -1 and not exists (select 1 from ${stage} as ${q('s')} where ${keyMatch('s', 'd')})`;
  const writes: CompiledDimension['writes'] = [];
  if (attrs.length > 0) {
    writes.push({
      step: 'infer',
      sql: `update ${d} as ${q('d')} set ${attrs.map((c) => `${q(c)} = ${col('s', c)}`).join(', ')}, "is_inferred" = false
        from ${stage} as ${q('s')} where ${col('s', 'datakit_action')} = 'infer' and ${col('d', plan.surrogateKey)} = ${col('s', 'datakit_sk')}`,
      params: [],
    });
  }
  const closeParams: unknown[] = [];
  writes.push({
    step: 'close-changed',
    sql: `update ${d} as ${q('d')} set "valid_to" = ${at(closeParams)}, "is_current" = false
      from ${stage} as ${q('s')} where ${col('s', 'datakit_action')} = 'change' and ${col('d', plan.surrogateKey)} = ${col('s', 'datakit_sk')}`,
    params: closeParams,
  });
  const all = [...bk, ...attrs];
  if (plan.deletes !== 'ignore') {
    const params: unknown[] = [];
    const when = at(params);
    const close = `update ${d} as ${q('d')} set "valid_to" = ${when}, "is_current" = false where ${live}`;
    writes.push({
      step: 'delete',
      sql:
        plan.deletes === 'close'
          ? close
          : `with ${q('closed')} as (${close} returning ${all.map((c) => col('d', c)).join(', ')})
             insert into ${d} (${all.map(q).join(', ')}, "valid_from", "valid_to", "is_current", "is_deleted", "is_inferred")
             select ${all.map(q).join(', ')}, ${when}, 'infinity', true, true, false from ${q('closed')}`,
      params,
    });
  }
  const openParams: unknown[] = [];
  const now = at(openParams);
  const first = plan.firstVersionFrom === 'beginning' ? `'-infinity'::timestamptz` : now;
  writes.push({
    step: 'open',
    sql: `insert into ${d} (${all.map(q).join(', ')}, "valid_from", "valid_to", "is_current", "is_deleted", "is_inferred")
      select ${all.map((c) => col('s', c)).join(', ')}, case when ${col('s', 'datakit_action')} = 'new' then ${first} else ${now} end,
        'infinity', true, false, false
      from ${stage} as ${q('s')} where ${col('s', 'datakit_action')} in ('new', 'reopen', 'change')`,
    params: openParams,
  });
  const keyList = bk.map(q).join(', ');
  const lastParams: unknown[] = [];
  const atLast = at(lastParams);
  return {
    target,
    stage,
    lock: {
      sql: `select pg_advisory_xact_lock(hashtext('datakit.dimension'), hashtext(${adapter.placeholder(1)}))`,
      params: [`${target.schema ?? ''}.${target.name}`],
    },
    last: {
      sql: `select l.last::text as last, coalesce(l.last >= ${atLast}, false) as late from (select greatest(
          max("valid_from") filter (where "valid_from" > '-infinity'), max("valid_to") filter (where "valid_to" < 'infinity')) as last
        from ${d} where ${sk} <> -1) as l`,
      params: lastParams,
    },
    stageRows: { sql: stageSql, params: stageParams },
    analyze: `analyze ${stage}`,
    ...(plan.uniqueBySource || plan.latest
      ? {}
      : {
          duplicates: {
            sql: `select ${keyList}, count(*)::integer as n from ${stage} group by ${keyList} having count(*) > 1 limit 1`,
            params: [],
          },
        }),
    actions: {
      sql: `select "datakit_action" as action, count(*)::integer as n from ${stage} group by 1`,
      params: [],
    },
    ...(plan.deletes === 'ignore'
      ? {}
      : {
          pendingDeletes: {
            sql: `select count(*)::integer as n from ${d} as ${q('d')} where ${live}`,
            params: [],
          },
        }),
    writes,
  };
}
