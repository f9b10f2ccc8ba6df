import { order, orderLine } from '@datakit-examples/bronze';
import { defineFact, inLayer, innerJoin, lookup } from 'datakit-warehouse';
import { eq, sql } from 'drizzle-orm';
import { char, integer, numeric, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { customerDimension, dimCustomer } from './dim-customer.js';
import { dateDimension, dimDate } from './dim-date.js';
import { dimProduct, productDimension } from './dim-product.js';

/** Gold order line fact: one row per order line, amounts in the order's currency. */
export const factOrderLine = pgTable(
  'fact_order_line',
  {
    order_id: integer().notNull(),
    line_no: integer().notNull(),
    customer_key: integer()
      .notNull()
      .references(() => dimCustomer.customer_key),
    product_key: integer()
      .notNull()
      .references(() => dimProduct.product_key),
    date_key: integer()
      .notNull()
      .references(() => dimDate.date_key),
    ordered_at: timestamp({ withTimezone: true }).notNull(),
    currency: char({ length: 3 }).notNull(),
    quantity: integer().notNull(),
    unit_price: numeric({ precision: 10, scale: 2 }).notNull(),
    amount: numeric({ precision: 12, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.order_id, t.line_no] })],
);

/**
 * Silver order lines with their order into `gold.fact_order_line`, rebuilt on each run: the
 * customer and product keys are those of the dimension versions valid when the order was placed,
 * the date key that of its day (UTC); a line whose customer or product has no version then points
 * to the unknown member (-1).
 *
 * @example
 * ```ts
 * const result = await orderLineFact.run(conn, { at: new Date('2025-01-01T00:00:00Z') });
 * ```
 */
export const orderLineFact = defineFact(inLayer(factOrderLine, 'gold'), {
  name: 'gold.fact_order_line',
  from: inLayer(orderLine, 'silver'),
  joins: [innerJoin(inLayer(order, 'silver'), eq(order.id, orderLine.order_id))],
  select: {
    order_id: orderLine.order_id,
    line_no: orderLine.line_no,
    ordered_at: order.ordered_at,
    currency: order.currency,
    quantity: orderLine.quantity,
    unit_price: orderLine.unit_price,
    amount: orderLine.line_amount,
  },
  lookups: {
    customer_key: lookup(customerDimension, { customer_id: order.customer_id }, { at: order.ordered_at }),
    product_key: lookup(productDimension, { sku: orderLine.sku }, { at: order.ordered_at }),
    date_key: lookup(dateDimension, { date: sql<string>`(${order.ordered_at} at time zone 'UTC')::date` }),
  },
  disposition: 'replace',
});
