import { is } from 'drizzle-orm';
import { getTableConfig, MySqlDialect, MySqlTable } from 'drizzle-orm/mysql-core';
import type { DrizzleTableConfig, FamilyDrizzle } from '../family-drizzle.js';

const dialect = new MySqlDialect();

/**
 * Drizzle's mysql-core: `mysqlTable`, inline enums (`mysqlEnum`, or an `enum` config on a text
 * column), no arrays, SERIAL as a unique auto-increment key, and an extra-config builder that
 * reads the table's own columns.
 *
 * @example
 * ```ts
 * mysqlDrizzle.enumOf(getTableColumns(orders).status); // { values: ['new', 'paid'] }
 * ```
 * @internal
 */
export const mysqlDrizzle: FamilyDrizzle = {
  ownsTable: (table) => is(table, MySqlTable),
  tableConfig: (table) => getTableConfig(table as MySqlTable) as unknown as DrizzleTableConfig,
  sqlToQuery: (sql) => dialect.sqlToQuery(sql),
  enumOf: (column) =>
    column.enumValues && column.enumValues.length > 0 ? { values: [...column.enumValues] } : undefined,
  arrayElement: () => undefined,
  dateKind: (column) => (/^date(?!time)/i.test(column.getSQLType()) ? 'date' : 'timestamp'),
  impliesUnique: (column) => /^serial/i.test(column.getSQLType()),
  extraConfigReadsColumns: true,
};
