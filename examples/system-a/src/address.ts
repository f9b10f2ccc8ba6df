import { char, index, integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { customer } from './customer.js';

/** System A (CRM, PostgreSQL): postal addresses of a customer. */
export const address = pgTable(
  'address',
  {
    address_id: integer().primaryKey(),
    customer_id: integer()
      .notNull()
      .references(() => customer.customer_id, { onDelete: 'cascade' }),
    kind: varchar({ length: 20 }).notNull(),
    street: text().notNull(),
    city: text().notNull(),
    postal_code: varchar({ length: 20 }),
    country: char({ length: 2 }).notNull(),
  },
  (t) => [index('address_customer_idx').on(t.customer_id)],
);
