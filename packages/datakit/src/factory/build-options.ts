import type { Faker } from '@faker-js/faker';
import type { Table } from 'drizzle-orm';
import type { Sequence } from './sequence.js';

/**
 * A row as a factory builds it: every column present, nullable ones sometimes null
 * (`typeof table.$inferSelect`).
 *
 * @example
 * ```ts
 * const rows: RowOf<typeof customer>[] = factory(customer).build(10);
 * ```
 */
export type RowOf<T extends Table> = T['$inferSelect'];

/**
 * A function override: gets the 0-based row index, the column's own seeded Faker and the values
 * built so far in the row.
 *
 * @example
 * ```ts
 * const email: OverrideFunction<string, Customer> = (i, faker) => `c${i}@${faker.internet.domainName()}`;
 * ```
 */
export type OverrideFunction<V, R> = (index: number, faker: Faker, row: Readonly<Partial<R>>) => V;

/**
 * Per-column overrides: a fixed value, a {@link Sequence}, or a function.
 *
 * @example
 * ```ts
 * const overrides: Overrides<Customer> = { country: 'NL', email: sequence((n) => `u${n}@x.io`) };
 * ```
 */
export type Overrides<R> = { [K in keyof R]?: R[K] | Sequence<R[K]> | OverrideFunction<R[K], R> };

/**
 * Options of `build`, `buildInsert` and `one`. All are optional; the same options give the same
 * rows on every machine.
 *
 * @example
 * ```ts
 * factory(order).build(50, { seed: 7, now: '2024-06-01', nullRate: 0, refs: { customer: customers } });
 * ```
 */
export interface BuildOptions<T extends Table = Table> {
  /** Seed of every random stream (default 1). */
  seed?: number;
  /** Reference time for dates (default 2025-01-01T00:00:00Z, so output never depends on the clock). */
  now?: Date | string;
  /** Share of nullable columns that are null, 0..1 (default 0.1). */
  nullRate?: number;
  /**
   * Rows of referenced tables, by the referenced table's SQL name. A foreign key whose table is not
   * given points at `refCount` rows built with the same seed.
   */
  refs?: Readonly<Record<string, readonly object[]>>;
  /** How many rows to build for a referenced table that `refs` does not give (default 10). */
  refCount?: number;
  overrides?: Overrides<RowOf<T>>;
  /** Index of the first row (default 0): keys and sequences continue from here. */
  offset?: number;
}

/** The default `now`: fixed so that dates are deterministic. */
export const DEFAULT_NOW = new Date('2025-01-01T00:00:00.000Z');
