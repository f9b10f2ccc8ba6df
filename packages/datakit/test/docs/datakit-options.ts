import { defineDatakit, lineageColumns, temporal, transactional } from 'datakit-warehouse';
import { bigint, integer, jsonb, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export const customer = pgTable('customer', {
  id: integer().primaryKey(),
  name: text().notNull(),
  ...transactional(),
  ...lineageColumns(),
});

// history keeps every version: the key holds systime, the validity range of a version.
export const price = pgTable(
  'price',
  {
    product_id: integer().notNull(),
    amount: numeric({ precision: 12, scale: 2 }).notNull(),
    ...temporal(),
    ...lineageColumns(),
  },
  (t) => [primaryKey({ columns: [t.product_id, t.systime] })],
);

export const event = pgTable('event', {
  id: bigint({ mode: 'number' }).primaryKey(),
  payload: jsonb(),
  ...lineageColumns(),
});

export const crmBronze = defineDatakit({
  name: 'crm-bronze',
  version: '1.2.0',
  layer: 'bronze',
  system: 'crm', // recorded in lineage; replaces {system} in a layer's schema
  tables: { customer, price, event },
  options: {
    writeDisposition: 'merge', // every table: upsert on the primary key
    driftPolicy: 'fail', // stop on any breaking change (the default)
    tables: {
      price: { writeDisposition: 'history', driftPolicy: 'evolve' },
      event: { writeDisposition: 'append', driftPolicy: 'ignore-new-columns', bronzePrimaryKey: false },
    },
  },
});
