import { defineDatakit } from 'datakit-warehouse';
import { address } from './address.js';
import { customer } from './customer.js';

export { address } from './address.js';
export { customer, customerStatus } from './customer.js';

/**
 * The System A datakit: the CRM's tables as a contract.
 *
 * @example
 * ```ts
 * import { systemA } from '@datakit-examples/system-a';
 * type Customer = typeof systemA.tables.customer.$inferSelect;
 * ```
 */
export const systemA = defineDatakit({
  name: 'system-a',
  version: '1.0.0',
  system: 'system-a',
  tables: { customer, address },
  // Customers are read incrementally: each load reads the rows updated since the last one.
  options: { tables: { customer: { cursor: 'updated_at' } } },
});
