import { lineageColumns, transactional } from 'datakit-warehouse';
import { char, integer, numeric, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { customer } from './customer.js';

/** Bronze order: System D's order header, amounts in the order currency. */
export const order = pgTable('order', {
  id: integer().primaryKey(),
  customer_id: integer()
    .notNull()
    .references(() => customer.id),
  ordered_at: timestamp({ withTimezone: true }).notNull(),
  status: varchar({ length: 20 }).notNull(),
  currency: char({ length: 3 }).notNull(),
  total_amount: numeric({ precision: 12, scale: 2 }).notNull(),
  source_updated_at: timestamp({ withTimezone: true }).notNull(),
  ...transactional(),
  ...lineageColumns(),
});
