import { type AnyPgColumn, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** System E (product catalog): a tree of categories. */
export const category = pgTable('category', {
  category_id: integer().primaryKey(),
  name: text().notNull(),
  parent_id: integer().references((): AnyPgColumn => category.category_id),
});
