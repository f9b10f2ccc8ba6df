import { lineageColumns, transactional } from 'datakit-warehouse';
import { integer, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/** Bronze customer: System A's CRM customer, cleaned names, with audit and lineage columns. */
export const customer = pgTable('customer', {
  id: integer().primaryKey(),
  name: text().notNull(),
  email: varchar({ length: 200 }).notNull().unique(),
  phone: varchar({ length: 40 }),
  status: varchar({ length: 20 }).notNull(),
  source_created_at: timestamp({ withTimezone: true }).notNull(),
  source_updated_at: timestamp({ withTimezone: true }).notNull(),
  ...transactional(),
  ...lineageColumns(),
});
