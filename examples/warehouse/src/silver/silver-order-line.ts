import { order, orderLine } from '@datakit-examples/bronze';
import { defineSqlTransform, inLayer, innerJoin } from 'datakit-warehouse';
import { eq, sql } from 'drizzle-orm';

/**
 * Bronze → silver order line: the lines of the orders that reached silver (a line follows its
 * order: the lines of a cancelled or rejected order stay behind), the latest load of each line.
 * A line of a product that is not in silver, or whose amount is not quantity × unit price, is
 * rejected.
 *
 * @example
 * ```ts
 * const result = await silverOrderLine.run(conn); // each layer's tables in the schema named after it
 * ```
 */
export const silverOrderLine = defineSqlTransform(inLayer(orderLine, 'silver'), {
  name: 'silver.order_line',
  from: inLayer(orderLine, 'bronze'),
  joins: [innerJoin(inLayer(order, 'silver'), eq(order.id, orderLine.order_id))],
  dedupe: { key: [orderLine.order_id, orderLine.line_no], latest: orderLine._loaded_at },
  select: {
    order_id: orderLine.order_id,
    line_no: orderLine.line_no,
    sku: orderLine.sku,
    quantity: orderLine.quantity,
    unit_price: orderLine.unit_price,
    line_amount: orderLine.line_amount,
  },
  rules: [
    {
      name: 'line-amount',
      column: 'line_amount',
      check: sql`${orderLine.line_amount} = ${orderLine.quantity} * ${orderLine.unit_price}`,
      message: 'line_amount is not quantity × unit_price',
    },
  ],
  constrain: true,
  disposition: 'merge',
});
