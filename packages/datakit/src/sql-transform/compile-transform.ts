import { randomBytes } from 'node:crypto';
import type { Dialect } from '../dialect/connection.js';
import { compileSelect } from './compile-select.js';
import { compileWrite, type Statement } from './compile-write.js';
import { sourceParts } from './in-layer.js';
import { declaredRuleOutputs, OUT, rejectRules } from './reject-rules.js';
import { type PlaceTable, placedName, type TableAddress } from './resolve-table.js';
import { SqlWriter } from './sql-writer.js';
import type { TransformPlan } from './transform-plan.js';
import { writeType } from './write-type.js';

/**
 * What a transform needs to compile: the warehouse's dialect, where tables live, the run's
 * logical time and load id, and the rejects table.
 *
 * @example
 * ```ts
 * const ctx: CompileContext = { dialect: conn.dialect, at: new Date(), loadId, rejects: { schema: 'datakit', name: 'rejects' } };
 * ```
 */
export interface CompileContext {
  dialect: Dialect;
  place?: PlaceTable;
  at: Date;
  loadId: string;
  rejects: TableAddress;
}

/**
 * A transform as statements to run in order in one transaction.
 *
 * @example
 * ```ts
 * const compiled = compileTransform(plan, ctx);
 * for (const s of compiled.statements) console.log(s.step, s.sql);
 * ```
 */
export interface CompiledTransform {
  target: TableAddress;
  statements: Statement[];
}

/**
 * Compiles a transform. Without rules it is one `INSERT ... SELECT` or `MERGE` (plus a `DELETE`
 * for replace); with rules (or for history) the result is first staged in a temporary table with
 * each row's first broken rule, the breaking rows go to the rejects table, the rest to the target.
 *
 * @example
 * ```ts
 * const { statements } = compileTransform(plan, { dialect: conn.dialect, at, loadId, rejects });
 * ```
 * @internal
 */
export function compileTransform(plan: TransformPlan, ctx: CompileContext): CompiledTransform {
  const adapter = ctx.dialect.adapter;
  const placement = ctx.place;
  const run = { at: ctx.at, loadId: ctx.loadId };
  const probe = new SqlWriter(adapter, placement);
  const target = probe.place(plan.target);
  const t = adapter.quoteTable(target);
  const cast = writeType(ctx.dialect.createDdlCompiler(), target);
  const staged = plan.disposition === 'history' || plan.rules.length > 0 || plan.constrain;
  if (!staged) {
    const w = new SqlWriter(adapter, placement, { run });
    const source = compileSelect(plan, w, { cast });
    return { target, statements: compileWrite(plan, w, t, source, ctx.at) };
  }
  const stage = adapter.quoteIdentifier(`datakit_stage_${randomBytes(6).toString('hex')}`);
  const sw = new SqlWriter(adapter, placement, { run });
  const inner = compileSelect(plan, sw, { extra: declaredRuleOutputs(plan) });
  const rules = rejectRules(plan, sw, target, cast);
  const outputs = plan.select.map(({ column }) => `${sw.q('o')}.${sw.q(column.name)}`);
  const reason =
    rules.length === 0
      ? 'null::integer'
      : `case ${rules.map((r, i) => `when ${r.fail} then ${i + 1}`).join(' ')} end`;
  const out = sw.q(OUT);
  const columns = `${outputs.join(', ')}, ${reason} as "datakit_reject"`;
  const statements: Statement[] = [
    {
      step: 'stage',
      // The select map stays a subquery of its own (one with a WITH is never pulled up), so a rule
      // that names an output column reads it instead of computing its expression again; unlike
      // `offset 0`, this fence leaves the scan free to run in parallel. A rule that reads the whole
      // output again (a self-reference) gets the materialized WITH instead.
      sql: rules.some((r) => r.readsOutput)
        ? `create temporary table ${stage} on commit drop as with ${out} as materialized (${inner}) select ${columns} from ${out} as ${sw.q('o')}`
        : `create temporary table ${stage} on commit drop as select ${columns} from (with ${out} as (${inner}) select * from ${out}) as ${sw.q('o')}`,
      params: sw.params,
    },
    // Without statistics the planner guesses a few thousand staged rows; against a target that
    // was analyzed while empty it then picks a nested loop that scans the target once per row.
    { step: 'analyze', sql: `analyze ${stage}`, params: [] },
  ];
  if (rules.length > 0) statements.push(rejectsStatement(plan, ctx, target, stage, rules));
  const w = new SqlWriter(adapter, placement);
  const source = `select ${plan.select.map(({ column }) => `cast(${w.q('s')}.${w.q(column.name)} as ${cast(column)}) as ${w.q(column.name)}`).join(', ')} from ${stage} as ${w.q('s')} where ${w.q('s')}."datakit_reject" is null`;
  statements.push(...compileWrite(plan, w, t, source, ctx.at));
  return { target, statements };
}

function rejectsStatement(
  plan: TransformPlan,
  ctx: CompileContext,
  target: TableAddress,
  stage: string,
  rules: ReturnType<typeof rejectRules>,
): Statement {
  const w = new SqlWriter(ctx.dialect.adapter, ctx.place);
  const s = (c: string) => `${w.q('s')}.${w.q(c)}`;
  const keyColumns =
    plan.key.length > 0 ? plan.key : plan.select.slice(0, 1).map(({ column }) => column.name);
  const keyText = `concat_ws(', ', ${keyColumns.map((k) => `${w.param(`${k}=`)}::text || coalesce(${s(k)}::text, 'null')`).join(', ')})`;
  const loadId = w.param(ctx.loadId);
  const from = w.param(placedName(w.place(sourceParts(plan.from).table, sourceParts(plan.from).layer)));
  const into = w.param(placedName(target));
  const values = rules.map(
    (r) =>
      `(${[rules.indexOf(r) + 1, r.stage, r.column ?? null, r.rule, r.message, r.hint]
        .map((v, i) => `${w.param(v)}::${i === 0 ? 'integer' : 'text'}`)
        .join(', ')})`,
  );
  const r = (c: string) => `${w.q('r')}.${w.q(c)}`;
  return {
    step: 'rejects',
    sql: `insert into ${w.adapter.quoteTable(ctx.rejects)} ("load_id", "source_table", "target_table", "row_number", "stage", "column", "rule", "message", "hint", "row")
      select ${loadId}::uuid, ${from}, ${into}, null, ${r('stage')}, ${r('column')}, ${r('rule')},
        ${into} || ': ' || ${r('message')} || ' (key ' || ${keyText} || ')', ${r('hint')}, to_jsonb(${w.q('s')}) - 'datakit_reject'
      from ${stage} as ${w.q('s')} join (values ${values.join(', ')}) as ${w.q('r')} ("i", "stage", "column", "rule", "message", "hint") on ${r('i')} = ${s('datakit_reject')}`,
    params: w.params,
  };
}
