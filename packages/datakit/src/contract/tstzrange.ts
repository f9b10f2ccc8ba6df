import { customType } from 'drizzle-orm/pg-core';

/**
 * A PostgreSQL `tstzrange` column, which Drizzle lacks. Values are the range's text form as
 * PostgreSQL prints it, e.g. `["2024-01-01 00:00:00+00",infinity)`. It carries the `systime`
 * validity range of the audit mixins and of SCD2 history tables.
 *
 * @example
 * ```ts
 * import { sql } from 'drizzle-orm';
 * const price = pgTable('price', {
 *   product_id: integer().notNull(),
 *   systime: tstzrange().notNull().default(sql`tstzrange(now(), 'infinity')`),
 * });
 * ```
 */
export const tstzrange = customType<{ data: string; driverData: string }>({
  dataType: () => 'tstzrange',
});
