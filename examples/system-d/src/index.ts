import { defineDatakit } from 'datakit-warehouse';
import { orderLine } from './order-line.js';
import { orders } from './orders.js';

export { orderLine } from './order-line.js';
export { orders } from './orders.js';

/**
 * The System D datakit: the order system's MySQL tables as a contract.
 *
 * @example
 * ```ts
 * import { systemD } from '@datakit-examples/system-d';
 * type Order = typeof systemD.tables.orders.$inferSelect;
 * ```
 */
export const systemD = defineDatakit({
  name: 'system-d',
  version: '1.0.0',
  system: 'system-d',
  tables: { orders, order_line: orderLine },
});
