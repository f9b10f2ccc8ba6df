import { randomUUID } from 'node:crypto';
import { text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * SQL names of the lineage columns, in the order the mixin declares them.
 *
 * @example
 * ```ts
 * LINEAGE_COLUMNS.includes('_load_id'); // true
 * ```
 */
export const LINEAGE_COLUMNS = ['_load_id', '_loaded_at', '_source_system', '_source_table'] as const;

/**
 * The lineage columns of a bronze table: which load wrote the row, when, and from which source
 * system and table. `transfer` fills them on every row it writes to a target that has them (by
 * column name, so a table may declare only some); transforms never set them. The JS defaults only
 * serve rows inserted outside a transfer.
 *
 * @example
 * ```ts
 * import { integer, pgTable, text } from 'drizzle-orm/pg-core';
 * export const bronzeCustomer = pgTable('customer', {
 *   customer_id: integer().primaryKey(),
 *   full_name: text().notNull(),
 *   ...lineageColumns(),
 * });
 * ```
 */
export function lineageColumns() {
  return {
    _load_id: uuid('_load_id')
      .notNull()
      .$defaultFn(() => randomUUID()),
    _loaded_at: timestamp('_loaded_at', { withTimezone: true }).notNull().defaultNow(),
    _source_system: text('_source_system')
      .notNull()
      .$defaultFn(() => 'manual'),
    _source_table: text('_source_table')
      .notNull()
      .$defaultFn(() => 'manual'),
  };
}
