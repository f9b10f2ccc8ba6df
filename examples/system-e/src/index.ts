import { defineDatakit } from 'datakit-warehouse';
import { category } from './category.js';
import { product } from './product.js';

export { category } from './category.js';
export { product } from './product.js';

/**
 * The System E datakit: the product catalog as a contract.
 *
 * @example
 * ```ts
 * import { systemE } from '@datakit-examples/system-e';
 * type Product = typeof systemE.tables.product.$inferSelect;
 * ```
 */
export const systemE = defineDatakit({
  name: 'system-e',
  version: '1.0.0',
  system: 'system-e',
  tables: { category, product },
});
