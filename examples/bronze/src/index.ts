import { defineDatakit } from 'datakit-warehouse';
import { address } from './address.js';
import { category } from './category.js';
import { customer } from './customer.js';
import { order } from './order.js';
import { orderLine } from './order-line.js';
import { product } from './product.js';

export { address } from './address.js';
export { category } from './category.js';
export { customer } from './customer.js';
export { order } from './order.js';
export { orderLine } from './order-line.js';
export { product } from './product.js';

/**
 * The bronze datakit of the demo warehouse: typed copies of Systems A, D and E, with audit and
 * lineage columns. Deployed to bronze it has no foreign keys or checks; to silver, all of them.
 *
 * @example
 * ```ts
 * import { bronze } from '@datakit-examples/bronze';
 * type BronzeCustomer = typeof bronze.tables.customer.$inferInsert;
 * ```
 */
export const bronze = defineDatakit({
  name: 'bronze',
  version: '1.0.0',
  layer: 'bronze',
  tables: { customer, address, category, product, order, order_line: orderLine },
  options: { writeDisposition: 'merge' },
});

export { addressFromSystemA } from './transforms/address-from-system-a.js';
export { categoryFromSystemE } from './transforms/category-from-system-e.js';
export { customerFromSystemA } from './transforms/customer-from-system-a.js';
export { orderFromSystemD } from './transforms/order-from-system-d.js';
export { orderLineFromSystemD } from './transforms/order-line-from-system-d.js';
export { productFromSystemE } from './transforms/product-from-system-e.js';
