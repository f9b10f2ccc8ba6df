import { lineageColumns, reference } from 'datakit-warehouse';
import { boolean, integer, jsonb, numeric, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { category } from './category.js';

/** Bronze product: System E's catalog entry. */
export const product = pgTable('product', {
  sku: varchar({ length: 40 }).primaryKey(),
  name: text().notNull(),
  category_id: integer()
    .notNull()
    .references(() => category.id),
  list_price: numeric({ precision: 10, scale: 2 }).notNull(),
  active: boolean().notNull(),
  attributes: jsonb().$type<Record<string, string | number | boolean>>(),
  source_updated_at: timestamp({ withTimezone: true }).notNull(),
  ...reference(),
  ...lineageColumns(),
});
