import { lineageColumns, reference } from 'datakit-warehouse';
import { type AnyPgColumn, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** Bronze category: System E's category tree with its full path. */
export const category = pgTable('category', {
  id: integer().primaryKey(),
  name: text().notNull(),
  parent_id: integer().references((): AnyPgColumn => category.id),
  ...reference(),
  ...lineageColumns(),
});
