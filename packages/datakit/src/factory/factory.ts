import type { Table } from 'drizzle-orm';
import type { BuildOptions, Overrides, RowOf } from './build-options.js';
import { buildRows } from './build-rows.js';
import { tablePlan } from './table-plan.js';

/**
 * Builds deterministic test rows for one Drizzle table; see {@link factory}.
 *
 * @example
 * ```ts
 * const customers: Factory<typeof customer> = factory(customer);
 * ```
 */
export interface Factory<T extends Table> {
  readonly table: T;
  /** `count` full rows (`$inferSelect`): every column present, keys unique, references valid. */
  build(count: number, options?: BuildOptions<T>): RowOf<T>[];
  /** Like `build`, but leaves out columns the database fills (defaults, serial, identity) unless overridden. */
  buildInsert(count: number, options?: BuildOptions<T>): T['$inferInsert'][];
  /** One row (the first row `build` would give). */
  one(options?: BuildOptions<T>): RowOf<T>;
  /** A factory whose builds start from these overrides (a build's own overrides win). */
  with(overrides: Overrides<RowOf<T>>): Factory<T>;
}

function merge<T extends Table>(defaults: BuildOptions<T>, options: BuildOptions<T>): BuildOptions<T> {
  const overrides = { ...defaults.overrides, ...options.overrides } as Overrides<RowOf<T>>;
  return { ...defaults, ...options, overrides };
}

/**
 * A test-data factory for a `pgTable` or `mysqlTable`: seeded, realistic rows (names, emails,
 * addresses, prices within numeric precision, enum members, dates around a fixed `now`) with
 * unique keys, valid foreign keys and some nulls, identical on every machine for a seed.
 *
 * @example
 * ```ts
 * const customers = factory(customer).build(20, { seed: 1 });
 * const orders = factory(order).build(50, { seed: 1, refs: { customer: customers } });
 * const vip = factory(customer).with({ segment: 'vip' }).one({ seed: 3 });
 * ```
 */
export function factory<T extends Table>(table: T, defaults: BuildOptions<T> = {}): Factory<T> {
  const plan = tablePlan(table);
  const build = (count: number, options: BuildOptions<T> = {}): RowOf<T>[] =>
    buildRows(plan, count, merge(defaults, options) as BuildOptions) as RowOf<T>[];
  return {
    table,
    build,
    buildInsert(count, options = {}) {
      const merged = merge(defaults, options);
      const kept = new Set(Object.keys(merged.overrides ?? {}));
      const omitted = plan.columns.filter((c) => c.hasDefault && !kept.has(c.key)).map((c) => c.key);
      const rows = buildRows(plan, count, merged as BuildOptions);
      for (const row of rows) for (const key of omitted) delete row[key];
      return rows as T['$inferInsert'][];
    },
    one: (options = {}) => build(1, options)[0] as RowOf<T>,
    with: (overrides) => factory(table, merge(defaults, { overrides })),
  };
}
