import { type Column, sql } from 'drizzle-orm';
import type { ColumnSchema } from '../schema/table-schema.js';
import { sourceParts } from './in-layer.js';
import { placeTable, type TableAddress } from './resolve-table.js';
import type { SqlWriter } from './sql-writer.js';
import type { TransformPlan } from './transform-plan.js';

/**
 * One rule a staged row is checked against; `fail` is SQL over the staged output `"o"` that is
 * true when the row breaks the rule. @internal
 *
 * @example
 * ```ts
 * const r: RejectRule = { stage: 'target', rule: 'not-null', column: 'email', message: 'email is null', hint: '...', fail: '"o"."email" is null' };
 * ```
 */
export interface RejectRule {
  stage: 'transform' | 'target';
  rule: string;
  column?: string;
  message: string;
  hint: string;
  fail: string;
  /** `fail` reads the whole staged output (`OUT`) again, not only the row `"o"`. */
  readsOutput?: true;
}

/**
 * The alias of the staged output inside the stage statement. @internal
 *
 * @example
 * ```ts
 * `with ${q(OUT)} as (...)`;
 * ```
 */
export const OUT = 'datakit_out';

/**
 * Column of a declared rule's outcome in the staged output. @internal
 *
 * @example
 * ```ts
 * ruleAlias(0); // 'datakit_rule_1'
 * ```
 */
export const ruleAlias = (i: number) => `datakit_rule_${i + 1}`;

/**
 * Declared rules as extra outputs of the select: `(check) is true as "datakit_rule_n"`.
 *
 * @example
 * ```ts
 * compileSelect(plan, w, { extra: declaredRuleOutputs(plan) });
 * ```
 * @internal
 */
export function declaredRuleOutputs(plan: TransformPlan): { alias: string; expr: unknown }[] {
  return plan.rules.map((r, i) => ({ alias: ruleAlias(i), expr: sql`(${r.check}) is true` }));
}

/**
 * Every rule of a staged transform, in the order a row's reason is chosen: declared rules, then
 * (with `constrain`) the target contract's NOT NULL, lengths, enum values, checks, keys, unique
 * constraints and foreign keys (parents placed in the target's layer).
 *
 * @example
 * ```ts
 * const rules = rejectRules(plan, w, target, cast);
 * ```
 * @internal
 */
export function rejectRules(
  plan: TransformPlan,
  w: SqlWriter,
  target: TableAddress,
  cast: (column: ColumnSchema) => string,
): RejectRule[] {
  const o = (column: string) => `${w.q('o')}.${w.q(column)}`;
  const rules: RejectRule[] = plan.rules.map((r, i) => ({
    stage: 'transform',
    rule: r.name,
    ...(r.column === undefined ? {} : { column: r.column }),
    message: r.message,
    hint: r.hint ?? `Fix the source row, or change rule "${r.name}" of transform "${plan.name}".`,
    fail: `not ${o(ruleAlias(i))}`,
  }));
  if (!plan.constrain) return rules;
  const schema = plan.targetSchema;
  const written = new Map(plan.select.map(({ column }) => [column.name, column]));
  const t = w.adapter.quoteTable(target);
  const layer = sourceParts(plan.target).layer;
  for (const column of written.values()) {
    if (!column.nullable) {
      rules.push({
        stage: 'target',
        rule: 'not-null',
        column: column.name,
        message: `column "${column.name}" is NOT NULL but the value is null`,
        hint: `Give "${column.name}" a value in the select map (coalesce) or filter such rows in \`where\`.`,
        fail: `${o(column.name)} is null`,
      });
    }
  }
  for (const column of written.values()) {
    const { kind, length } = column.type;
    if ((kind === 'varchar' || kind === 'char') && length !== undefined && !column.type.dimensions) {
      rules.push({
        stage: 'target',
        rule: `max-length:${length}`,
        column: column.name,
        message: `column "${column.name}" holds at most ${length} characters`,
        hint: `Shorten "${column.name}" in the select map, or widen the column in the contract.`,
        fail: `char_length(${o(column.name)}::text) > ${length}`,
      });
    }
    if (kind === 'enum' && column.type.enumValues) {
      rules.push({
        stage: 'target',
        rule: 'enum',
        column: column.name,
        message: `column "${column.name}" accepts only ${column.type.enumValues.map((v) => `'${v}'`).join(', ')}`,
        hint: `Map the value to one of the enum's values (standardize(...)), or add it to the enum.`,
        fail: `${o(column.name)}::text <> all(${w.param(column.type.enumValues)}::text[])`,
      });
    }
  }
  for (const check of schema.checks) {
    rules.push({
      stage: 'target',
      rule: `check:${check.name}`,
      message: `check "${check.name}" (${check.expression}) is false`,
      hint: `Filter or fix the rows that break "${check.name}".`,
      fail: `(${check.expression}) is false`,
    });
  }
  const keyMatch = (alias: string, columns: readonly string[]) =>
    columns
      .map((c) => `${w.q(alias)}.${w.q(c)} = cast(${o(c)} as ${cast(written.get(c) ?? column(schema, c))})`)
      .join(' and ');
  if (plan.key.length > 0 && plan.key.every((k) => written.has(k)) && !dedupedOnKey(plan)) {
    const partition = plan.key.map(o).join(', ');
    rules.push({
      stage: 'target',
      rule: 'duplicate-key',
      column: plan.key.join(', '),
      message: `more than one row has this key (${plan.key.join(', ')})`,
      hint: 'Deduplicate the source (`dedupe: { key, latest }`) so each key appears once.',
      fail: `count(*) over (partition by ${partition}) > 1`,
    });
  }
  if (plan.key.length > 0 && plan.key.every((k) => written.has(k)) && plan.disposition === 'append') {
    rules.push({
      stage: 'target',
      rule: 'existing-key',
      column: plan.key.join(', '),
      message: `the target already has a row with this key (${plan.key.join(', ')})`,
      hint: "Use disposition 'merge' to update existing keys, or filter them in `where`.",
      fail: `exists (select 1 from ${t} as ${w.q('t')} where ${keyMatch('t', plan.key)})`,
    });
  }
  const uniques = [
    ...schema.uniques.map((u) => u.columns),
    ...schema.indexes.filter((i) => i.unique).map((i) => i.columns),
  ].filter((cols) => cols.every((c) => written.has(c)) && cols.join() !== plan.key.join());
  for (const cols of uniques) {
    const present = cols.map((c) => `${o(c)} is not null`).join(' and ');
    const order = (plan.key.length > 0 ? plan.key : cols).map(o).join(', ');
    const others =
      plan.disposition === 'replace' || plan.disposition === 'history' || plan.key.length === 0
        ? ''
        : ` or exists (select 1 from ${t} as ${w.q('t')} where ${keyMatch('t', cols)} and (${plan.key
            .map((k) => `${w.q('t')}.${w.q(k)}`)
            .join(
              ', ',
            )}) is distinct from (${plan.key.map((k) => `cast(${o(k)} as ${cast(written.get(k) ?? column(schema, k))})`).join(', ')}))`;
    rules.push({
      stage: 'target',
      rule: `unique:${cols.join(',')}`,
      column: cols.join(', '),
      message: `another row already has this ${cols.join(', ')}`,
      hint: `Make ${cols.join(', ')} unique in the source, or drop the unique constraint from the contract.`,
      fail: `${present} and (row_number() over (partition by ${cols.map(o).join(', ')} order by ${order}) > 1${others})`,
    });
  }
  for (const fk of schema.foreignKeys) {
    if (!fk.columns.every((c) => written.has(c))) continue;
    const parent = placeTable(
      {
        name: fk.references.table,
        ...(layer === undefined ? {} : { layer }),
        ...(fk.references.schema === undefined ? {} : { schema: fk.references.schema }),
      },
      w.placement,
    );
    const p = w.adapter.quoteTable(parent);
    const present = fk.columns.map((c) => `${o(c)} is not null`).join(' and ');
    const match = (alias: string) =>
      fk.references.columns
        .map((rc, i) => {
          const c = fk.columns[i] ?? rc;
          return `${w.q(alias)}.${w.q(rc)} = cast(${o(c)} as ${cast(written.get(c) ?? column(schema, c))})`;
        })
        .join(' and ');
    const self = parent.name === target.name && parent.schema === target.schema;
    const inBatch = self
      ? ` and not exists (select 1 from ${w.q(OUT)} as ${w.q('o2')} where ${fk.references.columns
          .map((rc, i) => `${w.q('o2')}.${w.q(rc)} = ${o(fk.columns[i] ?? rc)}`)
          .join(' and ')})`
      : '';
    rules.push({
      stage: 'target',
      rule: `foreign-key:${fk.references.table}`,
      column: fk.columns.join(', '),
      message: `no ${fk.references.table} row has ${fk.references.columns.join(', ')} equal to this ${fk.columns.join(', ')}`,
      hint: `Load ${fk.references.table} first (the pipeline orders it before this table), or fix the reference in the source.`,
      fail: `${present} and not exists (select 1 from ${p} as ${w.q('p')} where ${match('p')})${inBatch}`,
      ...(self ? { readsOutput: true as const } : {}),
    });
  }
  return rules;
}

/** The source is deduplicated on exactly the columns the target key is selected from: keys cannot repeat. */
function dedupedOnKey(plan: TransformPlan): boolean {
  if (!plan.dedupe || plan.joins.length > 0 || plan.groupBy) return false;
  const dedupe = plan.dedupe.key;
  const sources = plan.key.map((k) => plan.select.find((s) => s.column.name === k)?.expr);
  return sources.length === dedupe.length && sources.every((e) => dedupe.includes(e as Column));
}

function column(schema: { columns: readonly ColumnSchema[] }, name: string): ColumnSchema {
  const found = schema.columns.find((c) => c.name === name);
  if (!found) throw new Error(`internal: no column ${name}`);
  return found;
}
