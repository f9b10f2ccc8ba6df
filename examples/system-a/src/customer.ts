import { integer, pgEnum, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/** CRM customer status, as System A stores it. */
export const customerStatus = pgEnum('customer_status', ['prospect', 'active', 'churned']);

/** System A (CRM, PostgreSQL): one row per customer. */
export const customer = pgTable('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  email: varchar({ length: 200 }).notNull().unique(),
  phone: varchar({ length: 40 }),
  status: customerStatus().notNull().default('prospect'),
  created_at: timestamp({ withTimezone: true }).notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
});
