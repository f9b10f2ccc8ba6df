import { product as sourceProduct } from '@datakit-examples/system-e';
import { defineTransform } from 'datakit-warehouse';
import { product } from '../product.js';

/**
 * System E product → bronze product: SKUs upper-cased; a product without a price is rejected.
 *
 * @example
 * ```ts
 * productFromSystemE.fn(row, ctx).sku; // 'SKU-00042'
 * ```
 */
export const productFromSystemE = defineTransform(sourceProduct, product, (row) => ({
  sku: row.sku.toUpperCase(),
  name: row.name,
  category_id: row.category_id,
  list_price: row.list_price,
  active: row.active,
  attributes: row.attributes,
  source_updated_at: row.updated_at,
}));
