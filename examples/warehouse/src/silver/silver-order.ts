import { order } from '@datakit-examples/bronze';
import { defineSqlTransform, inLayer } from 'datakit-warehouse';
import { sql } from 'drizzle-orm';

/**
 * Bronze → silver order: the latest version of each order (by its source update time). Set-based
 * rejects: an order of a customer that is not in silver (say, one bronze rejected for its email)
 * fails the foreign key, and an order in a currency the business does not trade in fails a rule;
 * both go to the rejects table with their reason, in the same transaction.
 *
 * @example
 * ```ts
 * const result = await silverOrder.run(conn); // each layer's tables in the schema named after it
 * result.rows.rejected; // the orders of customers bronze rejected
 * ```
 */
export const silverOrder = defineSqlTransform(inLayer(order, 'silver'), {
  name: 'silver.order',
  from: inLayer(order, 'bronze'),
  dedupe: { key: [order.id], latest: order.source_updated_at },
  select: {
    id: order.id,
    customer_id: order.customer_id,
    ordered_at: order.ordered_at,
    status: order.status,
    currency: order.currency,
    total_amount: order.total_amount,
    source_updated_at: order.source_updated_at,
  },
  rules: [
    {
      name: 'known-currency',
      column: 'currency',
      check: sql`${order.currency} in ('EUR', 'USD', 'GBP')`,
      message: 'currency is not one of EUR, USD, GBP',
    },
  ],
  constrain: true,
  disposition: 'merge',
});
