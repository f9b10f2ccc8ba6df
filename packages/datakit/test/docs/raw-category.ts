import { defineDatakit, lineageColumns } from 'datakit-warehouse';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';

// The keys and types of System E's category, plus lineage: a transfer into it needs no transform.
export const category = pgTable('raw_category', {
  category_id: integer().primaryKey(),
  name: text().notNull(),
  parent_id: integer(),
  ...lineageColumns(),
});

export const raw = defineDatakit({
  name: 'raw',
  version: '1.0.0',
  layer: 'bronze',
  tables: { category },
  options: { writeDisposition: 'replace' },
});
