import { getTableName, type Table } from 'drizzle-orm';

// Drizzle keeps these on the table behind global symbols its typings mark internal.
const SCHEMA = Symbol.for('drizzle:Schema');
const ORIGINAL_NAME = Symbol.for('drizzle:OriginalName');

/**
 * A Drizzle table's names: `alias` is what columns are qualified with (the `alias()` name, or the
 * table name), `name` the table's own name, `schema` its `pgSchema` when it has one.
 *
 * @example
 * ```ts
 * drizzleTableNames(alias(category, 'parent')); // { alias: 'parent', name: 'category' }
 * ```
 * @internal
 */
export function drizzleTableNames(table: Table): { alias: string; name: string; schema?: string } {
  const record = table as unknown as Record<symbol, string | undefined>;
  const alias = getTableName(table);
  const name = record[ORIGINAL_NAME] ?? alias;
  const schema = record[SCHEMA];
  return schema === undefined ? { alias, name } : { alias, name, schema };
}
