import { LINEAGE_COLUMNS } from '../contract/lineage-columns.js';
import type { SqlWriter } from './sql-writer.js';
import type { TransformPlan } from './transform-plan.js';

/**
 * One statement of a compiled transform, tagged with the step it performs (its row count is
 * reported under that name).
 *
 * @example
 * ```ts
 * const s: Statement = { step: 'insert', sql: 'insert into "silver"."customer" ...', params: [] };
 * ```
 */
export interface Statement {
  step:
    | 'lock'
    | 'inferred'
    | 'stage'
    | 'analyze'
    | 'rejects'
    | 'delete'
    | 'insert'
    | 'merge'
    | 'close-changed'
    | 'close-deleted'
    | 'open';
  sql: string;
  params: unknown[];
}

const LINEAGE = new Set<string>(LINEAGE_COLUMNS);

/**
 * The `IS DISTINCT FROM` test of one column between two aliases, json compared as text (json has
 * no equality operator; text keeps every byte significant).
 *
 * @example
 * ```ts
 * distinct(w, plan, 't', 's', 'name'); // "t"."name" is distinct from "s"."name"
 * ```
 * @internal
 */
export function distinct(
  w: SqlWriter,
  kindOf: (c: string) => string | undefined,
  a: string,
  b: string,
  c: string,
): string {
  const cast = kindOf(c) === 'json' ? '::text' : '';
  return `${w.q(a)}.${w.q(c)}${cast} is distinct from ${w.q(b)}.${w.q(c)}${cast}`;
}

/**
 * The statements that write `source` (a SELECT whose outputs are the target's columns, already
 * cast) into the target with the plan's disposition. `w` carries the source's parameters; `at`
 * (history) is added to them.
 *
 * @example
 * ```ts
 * compileWrite(plan, w, '"silver"."customer"', 'select ... from "bronze"."customer" as "customer"', at);
 * ```
 * @internal
 */
export function compileWrite(
  plan: TransformPlan,
  w: SqlWriter,
  target: string,
  source: string,
  at: Date,
): Statement[] {
  const names = plan.select.map(({ column }) => column.name);
  const list = names.map((n) => w.q(n)).join(', ');
  const kinds = new Map(plan.targetSchema.columns.map((c) => [c.name, c.type.kind]));
  const kindOf = (c: string) => kinds.get(c);
  const keys = new Set(plan.key);
  const compared = names.filter((n) => !keys.has(n) && !LINEAGE.has(n));
  const keyMatch = plan.key.map((k) => `${w.q('t')}.${w.q(k)} = ${w.q('s')}.${w.q(k)}`).join(' and ');
  const differs =
    compared.length === 0 ? 'false' : compared.map((c) => distinct(w, kindOf, 't', 's', c)).join(' or ');
  const params = w.params;
  switch (plan.disposition) {
    case 'append':
      return [{ step: 'insert', sql: `insert into ${target} (${list}) ${source}`, params }];
    case 'replace':
      return [
        { step: 'delete', sql: `delete from ${target}`, params: [] },
        { step: 'insert', sql: `insert into ${target} (${list}) ${source}`, params },
      ];
    case 'merge': {
      const updates = names.filter((n) => !keys.has(n));
      const matched =
        updates.length === 0
          ? ''
          : ` when matched and (${differs}) then update set ${updates.map((n) => `${w.q(n)} = ${w.q('s')}.${w.q(n)}`).join(', ')}`;
      return [
        {
          step: 'merge',
          sql: `merge into ${target} as ${w.q('t')} using (${source}) as ${w.q('s')} on ${keyMatch}${matched} when not matched then insert (${list}) values (${names.map((n) => `${w.q('s')}.${w.q(n)}`).join(', ')})`,
          params,
        },
      ];
    }
    case 'history': {
      const p = w.param(at.toISOString());
      const open = `upper(${w.q('t')}.${w.q('systime')}) = 'infinity'`;
      const close = `${w.q('systime')} = tstzrange(lower(${w.q('t')}.${w.q('systime')}), ${p}::timestamptz, '[)')`;
      const statements: Statement[] = [
        {
          step: 'close-changed',
          sql: `update ${target} as ${w.q('t')} set ${close} from (${source}) as ${w.q('s')} where ${keyMatch} and ${open} and (${differs})`,
          params,
        },
      ];
      if (plan.deletes === 'close') {
        statements.push({
          step: 'close-deleted',
          sql: `update ${target} as ${w.q('t')} set ${close} where ${open} and not exists (select 1 from (${source}) as ${w.q('s')} where ${keyMatch})`,
          params,
        });
      }
      statements.push({
        step: 'open',
        sql: `insert into ${target} (${list}, ${w.q('systime')}) select ${names.map((n) => `${w.q('s')}.${w.q(n)}`).join(', ')}, tstzrange(${p}::timestamptz, 'infinity', '[)') from (${source}) as ${w.q('s')} where not exists (select 1 from ${target} as ${w.q('t')} where ${keyMatch} and ${open})`,
        params,
      });
      return statements;
    }
  }
}
