import { lineageColumns, transactional } from 'datakit-warehouse';
import { char, index, integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { customer } from './customer.js';

/** Bronze address: a customer's postal address; the foreign key applies from silver on. */
export const address = pgTable(
  'address',
  {
    id: integer().primaryKey(),
    customer_id: integer()
      .notNull()
      .references(() => customer.id),
    kind: varchar({ length: 20 }).notNull(),
    street: text().notNull(),
    city: text().notNull(),
    postal_code: varchar({ length: 20 }),
    country: char({ length: 2 }).notNull(),
    ...transactional(),
    ...lineageColumns(),
  },
  (t) => [index('address_customer_idx').on(t.customer_id)],
);
