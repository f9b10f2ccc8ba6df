import { orders } from '@datakit-examples/system-d';
import { defineTransform } from 'datakit-warehouse';
import { order } from '../order.js';

/**
 * System D order header → bronze order. Cancelled orders are dropped (not an error); an order with
 * a negative total is rejected.
 *
 * @example
 * ```ts
 * orderFromSystemD.fn(row, ctx)?.total_amount; // '129.90'
 * ```
 */
export const orderFromSystemD = defineTransform(orders, order, (row) => {
  if (row.status === 'cancelled') return null;
  if (row.total.startsWith('-')) throw new Error(`total ${row.total} is negative`);
  return {
    id: row.order_id,
    customer_id: row.customer_id,
    ordered_at: row.order_date,
    status: row.status,
    currency: row.currency.toUpperCase(),
    total_amount: row.total,
    source_updated_at: row.updated_at,
  };
});
