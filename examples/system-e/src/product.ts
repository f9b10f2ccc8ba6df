import { boolean, integer, jsonb, numeric, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { category } from './category.js';

/** System E: products by SKU, with free-form attributes. */
export const product = pgTable('product', {
  sku: varchar({ length: 40 }).primaryKey(),
  name: text().notNull(),
  category_id: integer()
    .notNull()
    .references(() => category.category_id),
  list_price: numeric({ precision: 10, scale: 2 }).notNull(),
  active: boolean().notNull().default(true),
  attributes: jsonb().$type<Record<string, string | number | boolean>>(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
});
