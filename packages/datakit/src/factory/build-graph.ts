import type { Table } from 'drizzle-orm';
import type { Datakit } from '../contract/define-datakit.js';
import { DatakitError } from '../errors/datakit-error.js';
import { nearestName } from '../errors/nearest-name.js';
import type { BuildOptions, Overrides, RowOf } from './build-options.js';
import { buildRows } from './build-rows.js';
import { tablePlan } from './table-plan.js';

/**
 * Options of {@link buildGraph}: those of `build` (one seed for all tables) plus overrides per
 * table key.
 *
 * @example
 * ```ts
 * const options: GraphOptions<typeof systemA.tables> = { seed: 2, overrides: { customer: { country: 'NL' } } };
 * ```
 */
export interface GraphOptions<T extends Record<string, Table>>
  extends Omit<BuildOptions, 'overrides' | 'refs' | 'offset'> {
  overrides?: { [K in keyof T]?: Overrides<RowOf<T[K]>> };
}

/** Rows built by {@link buildGraph}, by table key. */
export type GraphRows<T extends Record<string, Table>, C> = { [K in keyof C & keyof T]: RowOf<T[K]>[] };

function isDatakit<T extends Record<string, Table>>(source: Datakit<T> | T): source is Datakit<T> {
  return typeof (source as Datakit<T>).schemaOf === 'function' && Array.isArray((source as Datakit<T>).keys);
}

/**
 * Builds rows for several related tables at once, referenced tables first, so every foreign key
 * points at a row built here (a referenced table that `counts` leaves out is built with
 * `refCount` rows but not returned).
 *
 * @example
 * ```ts
 * const { customer, order } = buildGraph(systemA, { customer: 20, order: 50 }, { seed: 1 });
 * order.every((o) => customer.some((c) => c.customerId === o.customerId)); // true
 * ```
 */
export function buildGraph<T extends Record<string, Table>, C extends { [K in keyof T]?: number }>(
  source: Datakit<T> | T,
  counts: C,
  options: GraphOptions<T> = {},
): GraphRows<T, C> {
  const tables: Record<string, Table> = isDatakit(source) ? source.tables : source;
  const names = Object.keys(tables);
  for (const key of [...Object.keys(counts), ...Object.keys(options.overrides ?? {})]) {
    if (!(key in tables)) {
      const nearest = nearestName(key, names);
      throw new DatakitError('USAGE', `buildGraph was given table "${key}", which is not among the tables`, {
        hint: `${nearest ? `Did you mean "${nearest}"? ` : ''}Table keys are: ${names.join(', ')}.`,
        context: { table: key },
      });
    }
  }
  const wanted = Object.keys(counts).filter((key) => counts[key] !== undefined);
  const keyOf = new Map(wanted.map((key) => [tables[key] as Table, key]));
  const built = new Map<string, Record<string, unknown>[]>();
  const visiting = new Set<string>();
  const { overrides = {}, ...shared } = options;

  const visit = (key: string): void => {
    if (built.has(key)) return;
    const table = tables[key] as Table;
    const plan = tablePlan(table);
    if (visiting.has(key)) {
      throw new DatakitError(
        'USAGE',
        `buildGraph cannot order tables that reference each other: "${plan.name}" is part of a cycle`,
        {
          hint: 'Build one table of the cycle first with factory(...).build and pass it as refs to the others.',
          context: { table: plan.name },
        },
      );
    }
    visiting.add(key);
    const refs: Record<string, Record<string, unknown>[]> = {};
    for (const fk of plan.foreignKeys) {
      const parent = keyOf.get(fk.table);
      if (fk.self || parent === undefined) continue;
      visit(parent);
      refs[fk.tableName] = built.get(parent) ?? [];
    }
    visiting.delete(key);
    const tableOverrides = (overrides as Record<string, BuildOptions['overrides']>)[key];
    const rows = buildRows(plan, counts[key] as number, {
      ...shared,
      refs,
      ...(tableOverrides ? { overrides: tableOverrides } : {}),
    });
    built.set(key, rows);
  };
  for (const key of wanted) visit(key);
  return Object.fromEntries(wanted.map((key) => [key, built.get(key)])) as GraphRows<T, C>;
}
