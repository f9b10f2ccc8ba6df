import { defineDatakit } from 'datakit';
import { address } from './address.js';
import { customer } from './customer.js';

export { address } from './address.js';
export { customer } from './customer.js';

/**
 * The bronze datakit of the demo warehouse: raw but typed copies of the source systems.
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
  tables: { customer, address },
  options: { writeDisposition: 'merge' },
});
