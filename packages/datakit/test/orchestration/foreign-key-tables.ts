import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { defineDatakit } from '../../src/contract/define-datakit.js';

// Silver keeps foreign keys: an order row needs its customer row first.
export const customer = pgTable('customer', { id: integer().primaryKey(), name: text().notNull() });
export const orders = pgTable('orders', {
  id: integer().primaryKey(),
  customer_id: integer()
    .notNull()
    .references(() => customer.id),
});
export const crm = defineDatakit({ name: 'crm', version: '1.0.0', tables: { customer, orders } });
export const silver = defineDatakit({
  name: 'shop',
  version: '1.0.0',
  layer: 'silver',
  tables: { customer, orders },
});
