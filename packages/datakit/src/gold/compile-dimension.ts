import { randomBytes } from 'node:crypto';
import type { Dialect } from '../dialect/connection.js';
import { compileSelect } from '../sql-transform/compile-select.js';
import type { PlaceOptions, TableAddress } from '../sql-transform/resolve-table.js';
import { SqlWriter } from '../sql-transform/sql-writer.js';
import { writeType } from '../sql-transform/write-type.js';
import type { DimensionPlan } from './dimension-plan.js';

/**
 * One statement of a dimension run. @internal
 *
 * @example
 * ```ts
 * const s: DimensionStatement = { step: 'open', sql: 'insert into ...', params: [] };
 * ```
 */
export interface DimensionStatement {
  step: string;
  sql: string;
  params: unknown[];
}

/**
 * The statements of one dimension run. `stage` evaluates the source once into a temporary table
 * with each key's action; `direct` reads the source in each statement (a plain table, where that
 * is cheaper than staging it). @internal
 *
 * @example
 * ```ts
 * const c = compileDimension(plan, { dialect: conn.dialect, at, loadId });
 * ```
 */
export interface CompiledDimension {
  target: TableAddress;
  strategy: 'stage' | 'direct';
  lock: DimensionStatement;
  /**
   * One row, from one scan of the dimension: `last` (text) and `late` (the run's time is not after
   * the last change), `versions` (rows besides the unknown member), `live` (current rows that are
   * not inferred), `deleted` (current rows of deleted keys) and `waiting` (inferred members wait to
   * be completed).
   */
  last: DimensionStatement;
  /** stage: create and analyze the stage; direct: count the source rows (`n`). */
  before: DimensionStatement[];
  duplicates?: DimensionStatement;
  /** One row: `n`, how many versions the run would close or open for existing keys. */
  late: DimensionStatement;
  /** stage: rows per action; direct: `n`, the new keys (when first versions start at the run's time). */
  counts?: DimensionStatement;
  /** direct: `n`, the source rows with the unknown member's key (which no write touches). */
  unknownInSource?: DimensionStatement;
  writes: DimensionStatement[];
  /** direct: the only write into a dimension without versions yet: every key's first version. */
  firstLoad?: DimensionStatement;
}

/**
 * Compiles an SCD2 run: complete inferred members in place, close changed versions (each column
 * compared on its own with `IS DISTINCT FROM`), close or version deleted keys, open new versions:
 * every statement set-based. The `direct` strategy is chosen for a source without joins,
 * grouping or `latest`; it writes a dimension without versions yet with one insert (`firstLoad`).
 *
 * @example
 * ```ts
 * const compiled = compileDimension(plan, { dialect: conn.dialect, at: new Date(), loadId });
 * ```
 * @internal
 */
export function compileDimension(
  plan: DimensionPlan,
  ctx: PlaceOptions & { dialect: Dialect; at: Date; loadId: string },
): CompiledDimension {
  const adapter = ctx.dialect.adapter;
  const placement = ctx.place;
  const run = { at: ctx.at, loadId: ctx.loadId };
  const q = (n: string) => adapter.quoteIdentifier(n);
  const target = new SqlWriter(adapter, placement).place(plan.base.target);
  const d = adapter.quoteTable(target);
  const cast = writeType(ctx.dialect.createDdlCompiler(), target);
  const kinds = new Map(plan.base.targetSchema.columns.map((c) => [c.name, c.type.kind]));
  const cmp = (c: string) => (kinds.get(c) === 'json' ? '::text' : '');
  const col = (alias: string, c: string) => `${q(alias)}.${q(c)}`;
  const sk = (alias: string) => col(alias, plan.surrogateKey);
  const bk = plan.businessKey;
  const attrs = plan.attributes;
  const all = [...bk, ...attrs];
  const keyMatch = (a: string, b: string) => bk.map((k) => `${col(a, k)} = ${col(b, k)}`).join(' and ');
  const differs = [
    col('d', 'is_deleted'),
    ...attrs.map((c) => `${col('d', c)}${cmp(c)} is distinct from ${col('s', c)}${cmp(c)}`),
  ];
  const direct =
    plan.strategy === 'direct' ||
    (plan.strategy === 'auto' && !plan.latest && plan.base.joins.length === 0 && !plan.base.groupBy);
  const stage = q(`datakit_dim_${randomBytes(6).toString('hex')}`);
  const unknownKey = bk.every((k) => plan.unknownMember?.[k] != null)
    ? bk.map((k) => [k, plan.unknownMember?.[k]] as const)
    : undefined;
  const keyType = (k: string) => {
    const column = plan.base.targetSchema.columns.find((c) => c.name === k);
    if (!column) throw new Error(`internal: no column ${k}`);
    return cast(column);
  };

  const statement = (step: string, build: (w: SqlWriter, at: () => string) => string): DimensionStatement => {
    const w = new SqlWriter(adapter, placement, { run });
    let at: string | undefined;
    const sql = build(w, () => {
      at ??= `${w.param(ctx.at.toISOString())}::timestamptz`;
      return at;
    });
    return { step, sql, params: w.params };
  };
  const source = (w: SqlWriter) => {
    const extra = (plan.latest ?? []).map((expr, i) => ({ alias: `datakit_latest_${i}`, expr }));
    const select = compileSelect(plan.base, w, { cast, extra });
    if (!plan.latest) return select;
    const key = bk.map(q).join(', ');
    const order = extra.map((e) => `${q(e.alias)} desc nulls last`).join(', ');
    return `select ${all.map(q).join(', ')} from (select distinct on (${key}) * from (${select}) as ${q('datakit_src')} order by ${key}, ${order}) as ${q('datakit_latest')}`;
  };
  /** The source rows as a relation: the stage, or the source query itself. */
  const rel = (w: SqlWriter) => (direct ? `(${source(w)})` : stage);
  const current = (alias: string) => `${col(alias, 'is_current')} and ${sk(alias)} <> -1`;
  const live = (w: SqlWriter) =>
    `${current('d')} and not ${col('d', 'is_deleted')} and not ${col('d', 'is_inferred')} and not exists (select 1 from ${rel(w)} as ${q('s')} where ${keyMatch('s', 'd')})`;
  const first = (at: () => string) =>
    plan.firstVersionFrom === 'beginning' ? `'-infinity'::timestamptz` : at();
  const columns = `${all.map(q).join(', ')}, "valid_from", "valid_to", "is_current", "is_deleted", "is_inferred"`;

  const before: DimensionStatement[] = direct
    ? [statement('count', (w) => `select count(*)::integer as n from ${rel(w)} as ${q('s')}`)]
    : [
        statement(
          'stage',
          (w) => `create temporary table ${stage} on commit drop as
            select ${all.map((c) => col('s', c)).join(', ')}, ${sk('d')} as "datakit_sk",
              case when ${sk('d')} is null then
                  case when exists (select 1 from ${d} as ${q('v')} where ${keyMatch('v', 's')}) then 'reopen' else 'new' end
                when ${sk('d')} = -1 then 'same'
                when ${col('d', 'is_inferred')} then 'infer'
                when ${differs.join(' or ')} then 'change'
                else 'same' end as "datakit_action"
            from (${source(w)}) as ${q('s')}
            left join ${d} as ${q('d')} on ${keyMatch('d', 's')} and ${col('d', 'is_current')}`,
        ),
        { step: 'analyze', sql: `analyze ${stage}`, params: [] },
      ];
  const deletes = (w: SqlWriter) =>
    plan.deletes === 'ignore' ? '0' : `(select count(*) from ${d} as ${q('d')} where ${live(w)})`;
  const late = direct
    ? statement(
        'late',
        (
          w,
        ) => `select (select count(*) from ${d} as ${q('d')} join ${rel(w)} as ${q('s')} on ${keyMatch('d', 's')}
            where ${current('d')} and not ${col('d', 'is_inferred')} and (${differs.join(' or ')}))
          + (select count(*) from ${rel(w)} as ${q('s')} where not exists (select 1 from ${d} as ${q('c')} where ${keyMatch('c', 's')} and ${col('c', 'is_current')})
              and exists (select 1 from ${d} as ${q('v')} where ${keyMatch('v', 's')}))
          + ${deletes(w)} as n`,
      )
    : statement(
        'late',
        (w) =>
          `select (select count(*) from ${stage} where "datakit_action" in ('change', 'reopen')) + ${deletes(w)} as n`,
      );

  const writes: DimensionStatement[] = [];
  if (attrs.length > 0) {
    writes.push(
      statement(
        'infer',
        (
          w,
        ) => `update ${d} as ${q('d')} set ${attrs.map((c) => `${q(c)} = ${col('s', c)}`).join(', ')}, "is_inferred" = false
          from ${rel(w)} as ${q('s')} where ${
            direct
              ? `${keyMatch('d', 's')} and ${current('d')} and ${col('d', 'is_inferred')}`
              : `${col('s', 'datakit_action')} = 'infer' and ${sk('d')} = ${col('s', 'datakit_sk')}`
          }`,
      ),
    );
  }
  writes.push(
    statement(
      'close-changed',
      (w, at) =>
        `update ${d} as ${q('d')} set "valid_to" = ${at()}, "is_current" = false from ${rel(w)} as ${q('s')} where ${
          direct
            ? `${keyMatch('d', 's')} and ${current('d')} and not ${col('d', 'is_inferred')} and (${differs.join(' or ')})`
            : `${col('s', 'datakit_action')} = 'change' and ${sk('d')} = ${col('s', 'datakit_sk')}`
        }`,
    ),
  );
  if (plan.deletes !== 'ignore') {
    writes.push(
      statement('delete', (w, at) => {
        const close = `update ${d} as ${q('d')} set "valid_to" = ${at()}, "is_current" = false where ${live(w)}`;
        if (plan.deletes === 'close') return close;
        return `with ${q('closed')} as (${close} returning ${all.map((c) => col('d', c)).join(', ')})
          insert into ${d} (${columns}) select ${all.map(q).join(', ')}, ${at()}, 'infinity', true, true, false from ${q('closed')}`;
      }),
    );
  }
  writes.push(
    statement('open', (w, at) => {
      if (!direct) {
        return `insert into ${d} (${columns})
          select ${all.map((c) => col('s', c)).join(', ')}, case when ${col('s', 'datakit_action')} = 'new' then ${first(at)} else ${at()} end,
            'infinity', true, false, false
          from ${stage} as ${q('s')} where ${col('s', 'datakit_action')} in ('new', 'reopen', 'change')`;
      }
      return `with ${q('opened')} as (insert into ${d} (${columns})
          select ${all.map((c) => col('s', c)).join(', ')},
            case when exists (select 1 from ${d} as ${q('v')} where ${keyMatch('v', 's')}) then ${at()} else ${first(at)} end,
            'infinity', true, false, false
          from ${rel(w)} as ${q('s')} where not exists (select 1 from ${d} as ${q('c')} where ${keyMatch('c', 's')} and ${col('c', 'is_current')})
          returning "valid_from")
        select count(*)::integer as opened, count(*) filter (where "valid_from" = '-infinity')::integer as first from ${q('opened')}`;
    }),
  );
  const keyList = bk.map(q).join(', ');
  return {
    target,
    strategy: direct ? 'direct' : 'stage',
    lock: {
      step: 'lock',
      sql: `select pg_advisory_xact_lock(hashtext('datakit.dimension'), hashtext(${adapter.placeholder(1)}))`,
      params: [`${target.schema ?? ''}.${target.name}`],
    },
    last: statement(
      'last',
      (
        _,
        at,
      ) => `select l.last::text as last, coalesce(l.last >= ${at()}, false) as late, l.versions, l.live, l.deleted, l.waiting
        from (select greatest(max("valid_from") filter (where "valid_from" > '-infinity'), max("valid_to") filter (where "valid_to" < 'infinity')) as last,
          count(*)::integer as versions,
          (count(*) filter (where "is_current" and not "is_inferred"))::integer as live,
          (count(*) filter (where "is_current" and "is_deleted"))::integer as deleted,
          coalesce(bool_or("is_current" and "is_inferred"), false) as waiting
        from ${d} where ${q(plan.surrogateKey)} <> -1) as l`,
    ),
    before,
    ...(plan.uniqueBySource || plan.latest
      ? {}
      : {
          duplicates: statement(
            'duplicates',
            (w) =>
              `select ${keyList}, count(*)::integer as n from ${rel(w)} as ${q('s')} group by ${keyList} having count(*) > 1 limit 1`,
          ),
        }),
    late,
    ...(direct && unknownKey
      ? {
          unknownInSource: statement(
            'unknown-in-source',
            (w) =>
              `select count(*)::integer as n from ${rel(w)} as ${q('s')} where ${unknownKey.map(([k, v]) => `${col('s', k)} = cast(${w.param(v)} as ${keyType(k)})`).join(' and ')}`,
          ),
        }
      : {}),
    ...(direct
      ? {
          firstLoad: statement(
            'open',
            (w, at) => `insert into ${d} (${columns})
              select ${all.map((c) => col('s', c)).join(', ')}, ${first(at)}, 'infinity', true, false, false
              from ${rel(w)} as ${q('s')} where not exists (select 1 from ${d} as ${q('c')} where ${keyMatch('c', 's')} and ${col('c', 'is_current')})`,
          ),
        }
      : {}),
    ...(direct
      ? plan.firstVersionFrom === 'at'
        ? {
            counts: statement(
              'count-new',
              (w) =>
                `select count(*)::integer as n from ${rel(w)} as ${q('s')} where not exists (select 1 from ${d} as ${q('v')} where ${keyMatch('v', 's')})`,
            ),
          }
        : {}
      : {
          counts: {
            step: 'classify',
            sql: `select "datakit_action" as action, count(*)::integer as n from ${stage} group by 1`,
            params: [],
          },
        }),
    writes,
  };
}
