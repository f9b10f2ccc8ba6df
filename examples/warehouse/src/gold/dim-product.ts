import { category, product } from '@datakit-examples/bronze';
import { defineDimension, inLayer, innerJoin, scd2Columns, surrogateKey } from 'datakit-warehouse';
import { eq } from 'drizzle-orm';
import { boolean, numeric, pgTable, text, varchar } from 'drizzle-orm/pg-core';

/** Gold product dimension: one version per change of a product (SCD2), with its category's name. */
export const dimProduct = pgTable('dim_product', {
  product_key: surrogateKey(),
  sku: varchar({ length: 40 }).notNull(),
  name: text().notNull(),
  category: text().notNull(),
  list_price: numeric({ precision: 10, scale: 2 }).notNull(),
  active: boolean().notNull(),
  ...scd2Columns(),
});

/**
 * Silver products with their category into `gold.dim_product` (SCD2 on every attribute).
 *
 * @example
 * ```ts
 * await productDimension.prepare(conn);
 * const { rows } = await productDimension.run(conn, { at: new Date('2025-01-01T00:00:00Z') });
 * ```
 */
export const productDimension = defineDimension(inLayer(dimProduct, 'gold'), {
  name: 'gold.dim_product',
  from: inLayer(product, 'silver'),
  joins: [innerJoin(inLayer(category, 'silver'), eq(category.id, product.category_id))],
  select: {
    sku: product.sku,
    name: product.name,
    category: category.name,
    list_price: product.list_price,
    active: product.active,
  },
  businessKey: ['sku'],
  surrogateKey: 'product_key',
  unknownMember: { sku: '?', name: 'Unknown', category: 'Unknown', list_price: '0', active: false },
});
