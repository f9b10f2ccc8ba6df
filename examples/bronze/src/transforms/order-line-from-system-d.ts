import { orderLine as sourceLine } from '@datakit-examples/system-d';
import { defineTransform } from 'datakit-warehouse';
import { orderLine } from '../order-line.js';

/**
 * System D order line → bronze order line, with the line amount computed in cents (no float
 * rounding). A line with a quantity below 1 is rejected.
 *
 * @example
 * ```ts
 * orderLineFromSystemD.fn({ ..., quantity: 3, unit_price: '19.99' }, ctx)?.line_amount; // '59.97'
 * ```
 */
export const orderLineFromSystemD = defineTransform(sourceLine, orderLine, (row) => {
  if (row.quantity < 1) throw new Error(`quantity ${row.quantity} is below 1`);
  const cents = BigInt(row.unit_price.replace('.', '')) * BigInt(row.quantity);
  const abs = cents < 0n ? -cents : cents;
  const amount = `${cents < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return {
    order_id: row.order_id,
    line_no: row.line_no,
    sku: row.product_sku.toUpperCase(),
    quantity: row.quantity,
    unit_price: row.unit_price,
    line_amount: amount,
  };
});
