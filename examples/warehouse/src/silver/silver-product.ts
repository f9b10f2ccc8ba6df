import { product } from '@datakit-examples/bronze';
import { defineSqlTransform, inLayer, trim } from 'datakit-warehouse';

/**
 * Bronze → silver product: the latest version of each SKU (by its source update time), names
 * trimmed; a product whose category is not in silver is rejected.
 *
 * @example
 * ```ts
 * const result = await silverProduct.run(conn); // each layer's tables in the schema named after it
 * ```
 */
export const silverProduct = defineSqlTransform(inLayer(product, 'silver'), {
  name: 'silver.product',
  from: inLayer(product, 'bronze'),
  dedupe: { key: [product.sku], latest: product.source_updated_at },
  select: {
    sku: product.sku,
    name: trim(product.name),
    category_id: product.category_id,
    list_price: product.list_price,
    active: product.active,
    attributes: product.attributes,
    source_updated_at: product.source_updated_at,
    inactivated_date: product.inactivated_date,
  },
  constrain: true,
  disposition: 'merge',
});
