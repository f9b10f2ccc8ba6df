import { lineageColumns, transactional } from 'datakit-warehouse';
import { sql } from 'drizzle-orm';
import { check, integer, numeric, pgTable, primaryKey, varchar } from 'drizzle-orm/pg-core';
import { order } from './order.js';
import { product } from './product.js';

/** Bronze order line, with its computed line amount. */
export const orderLine = pgTable(
  'order_line',
  {
    order_id: integer()
      .notNull()
      .references(() => order.id),
    line_no: integer().notNull(),
    sku: varchar({ length: 40 })
      .notNull()
      .references(() => product.sku),
    quantity: integer().notNull(),
    unit_price: numeric({ precision: 10, scale: 2 }).notNull(),
    line_amount: numeric({ precision: 12, scale: 2 }).notNull(),
    ...transactional(),
    ...lineageColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.order_id, t.line_no] }),
    check('order_line_quantity_positive', sql`${t.quantity} > 0`),
  ],
);
