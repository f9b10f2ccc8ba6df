import { type Column, is } from 'drizzle-orm';
import { getTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import type { DrizzleTableConfig, FamilyDrizzle } from '../family-drizzle.js';

type PgColumn = Column & { baseColumn?: Column; withTimezone?: boolean; enum?: { enumName: string } };

const dialect = new PgDialect();

/**
 * Drizzle's pg-core: `pgTable`, `pgEnum` types with their names, arrays of any depth
 * (`PgArray`), `timestamp({ withTimezone })` and `date` Date modes.
 *
 * @example
 * ```ts
 * postgresDrizzle.arrayElement(getTableColumns(t).tags); // the text column inside text[]
 * ```
 * @internal
 */
export const postgresDrizzle: FamilyDrizzle = {
  ownsTable: (table) => is(table, PgTable),
  tableConfig: (table) => getTableConfig(table as PgTable) as unknown as DrizzleTableConfig,
  sqlToQuery: (sql) => dialect.sqlToQuery(sql),
  enumOf: (column) => {
    const values = column.enumValues;
    if (!values || values.length === 0 || !column.columnType.includes('Enum')) return undefined;
    const name = (column as PgColumn).enum?.enumName;
    return name ? { values: [...values], name } : { values: [...values] };
  },
  arrayElement: (column) => {
    const array = column as PgColumn;
    if (array.columnType !== 'PgArray' || !array.baseColumn) return undefined;
    let base = array.baseColumn as PgColumn;
    while (base.columnType === 'PgArray' && base.baseColumn) base = base.baseColumn as PgColumn;
    return base;
  },
  dateKind: (column) => {
    if (column.columnType === 'PgTimestamp')
      return (column as PgColumn).withTimezone ? 'timestamptz' : 'timestamp';
    if (column.columnType === 'PgDate') return 'date';
    return /^date(?!time)/i.test(column.getSQLType()) ? 'date' : 'timestamp';
  },
  impliesUnique: () => false,
  extraConfigReadsColumns: false,
};
