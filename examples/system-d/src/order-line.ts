import { decimal, int, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core';
import { orders } from './orders.js';

/** System D: the lines of an order; `product_sku` is System E's key. */
export const orderLine = mysqlTable(
  'order_line',
  {
    order_id: int()
      .notNull()
      .references(() => orders.order_id),
    line_no: int().notNull(),
    product_sku: varchar({ length: 40 }).notNull(),
    quantity: int().notNull(),
    unit_price: decimal({ precision: 10, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.order_id, t.line_no] })],
);
