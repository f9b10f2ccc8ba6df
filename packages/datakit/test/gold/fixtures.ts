import { sql } from 'drizzle-orm';
import { integer, numeric, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { dateDimensionColumns, defineDateDimension } from '../../src/gold/date-dimension.js';
import { type DeleteMode, defineDimension } from '../../src/gold/define-dimension.js';
import { defineFact } from '../../src/gold/define-fact.js';
import { scd2Columns, surrogateKey } from '../../src/gold/dimension-columns.js';
import { lookup } from '../../src/gold/lookup.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';

/** Silver source of the SCD2 tests: may hold two rows of one key (the greater seq wins). */
export const customerBatch = pgTable('customer_batch', {
  id: integer().notNull(),
  name: text().notNull(),
  tier: text(),
  seq: integer().notNull(),
});

export const dimCustomer = pgTable('dim_customer', {
  customer_key: surrogateKey(),
  customer_id: integer().notNull(),
  name: text().notNull(),
  tier: text(),
  ...scd2Columns(),
});

export const customerDimension = (deletes: DeleteMode, strategy: 'stage' | 'direct' = 'stage') =>
  defineDimension(inLayer(dimCustomer, 'gold'), {
    strategy,
    from: inLayer(customerBatch, 'silver'),
    select: { customer_id: customerBatch.id, name: customerBatch.name, tier: customerBatch.tier },
    businessKey: ['customer_id'],
    surrogateKey: 'customer_key',
    latest: customerBatch.seq,
    deletes,
    unknownMember: { customer_id: -1, name: 'Unknown' },
    inferred: { name: '(inferred)' },
  });

export const product = pgTable('product', {
  sku: varchar({ length: 20 }).primaryKey(),
  name: text().notNull(),
  category: text().notNull(),
});

export const dimProduct = pgTable('dim_product', {
  product_key: surrogateKey(),
  sku: varchar({ length: 20 }).notNull(),
  name: text().notNull(),
  category: text().notNull(),
  ...scd2Columns(),
});

export const productDimension = defineDimension(inLayer(dimProduct, 'gold'), {
  from: inLayer(product, 'silver'),
  select: { sku: product.sku, name: product.name, category: product.category },
  businessKey: ['sku'],
  surrogateKey: 'product_key',
  unknownMember: { sku: '?', name: 'Unknown', category: 'Unknown' },
  inferred: { name: '(inferred)', category: '(inferred)' },
});

export const dimDate = pgTable('dim_date', dateDimensionColumns());
export const dateDimension = defineDateDimension(inLayer(dimDate, 'gold'));

export const orderLine = pgTable('order_line', {
  order_id: integer().notNull(),
  line_no: integer().notNull(),
  customer_id: integer().notNull(),
  sku: varchar({ length: 20 }).notNull(),
  ordered_at: timestamp({ withTimezone: true }).notNull(),
  quantity: integer().notNull(),
  amount: numeric({ precision: 12, scale: 2 }).notNull(),
});

export const factOrderLine = pgTable('fact_order_line', {
  order_id: integer().notNull(),
  line_no: integer().notNull(),
  customer_key: integer().notNull(),
  product_key: integer().notNull(),
  date_key: integer().notNull(),
  quantity: integer().notNull(),
  amount: numeric({ precision: 12, scale: 2 }).notNull(),
});

export const orderLineFact = (customers: ReturnType<typeof customerDimension>) =>
  defineFact(inLayer(factOrderLine, 'gold'), {
    from: inLayer(orderLine, 'silver'),
    select: {
      order_id: orderLine.order_id,
      line_no: orderLine.line_no,
      quantity: orderLine.quantity,
      amount: orderLine.amount,
    },
    lookups: {
      customer_key: lookup(
        customers,
        { customer_id: orderLine.customer_id },
        { at: orderLine.ordered_at, inferred: true },
      ),
      product_key: lookup(productDimension, { sku: orderLine.sku }, { at: orderLine.ordered_at }),
      date_key: lookup(dateDimension, {
        date: sql<string>`(${orderLine.ordered_at} at time zone 'UTC')::date`,
      }),
    },
    disposition: 'replace',
  });
