import {
  coalesce,
  countDistinct,
  countRows,
  defineSqlTransform,
  inLayer,
  innerJoin,
  total,
} from 'datakit-warehouse';
import { eq } from 'drizzle-orm';
import { char, integer, numeric, pgTable, primaryKey, text, varchar } from 'drizzle-orm/pg-core';
import { dimCustomer } from './dim-customer.js';
import { dimDate } from './dim-date.js';
import { factOrderLine } from './fact-order-line.js';

/** Gold aggregate: revenue per month, customer country and currency. */
export const monthlyRevenue = pgTable(
  'monthly_revenue',
  {
    year_month: varchar({ length: 7 }).notNull(),
    /** The customer's country, `unknown` for a customer without an address. */
    country: text().notNull(),
    currency: char({ length: 3 }).notNull(),
    orders: integer().notNull(),
    lines: integer().notNull(),
    revenue: numeric({ precision: 14, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year_month, t.country, t.currency] })],
);

/**
 * The fact grouped by the month of its date and the country of its customer version, per
 * currency (amounts are never added across currencies); rebuilt on each run.
 *
 * @example
 * ```ts
 * const result = await monthlyRevenueTransform.run(conn);
 * ```
 */
export const monthlyRevenueTransform = defineSqlTransform(inLayer(monthlyRevenue, 'gold'), {
  name: 'gold.monthly_revenue',
  from: inLayer(factOrderLine, 'gold'),
  joins: [
    innerJoin(inLayer(dimDate, 'gold'), eq(dimDate.date_key, factOrderLine.date_key)),
    innerJoin(inLayer(dimCustomer, 'gold'), eq(dimCustomer.customer_key, factOrderLine.customer_key)),
  ],
  select: {
    year_month: dimDate.year_month,
    country: coalesce(dimCustomer.country, 'unknown'),
    currency: factOrderLine.currency,
    orders: countDistinct(factOrderLine.order_id),
    lines: countRows(),
    revenue: total(factOrderLine.amount),
  },
  groupBy: [dimDate.year_month, dimCustomer.country, factOrderLine.currency],
  disposition: 'replace',
});
