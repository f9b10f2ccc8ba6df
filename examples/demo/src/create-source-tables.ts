import type { Connection, TableSchema } from 'datakit-warehouse';

/**
 * The table as the demo creates it in a source database. A MySQL contract's inline `ENUM(...)`
 * has no type name, which a dialect with enum types (PostgreSQL) needs, so there it is named
 * `<table>_<column>` (the schema model is otherwise the same on both families).
 *
 * @example
 * ```ts
 * sourceTableFor(systemD.schemaOf('orders'), true).columns.find((c) => c.name === 'status')?.type.enumName;
 * // 'orders_status'
 * ```
 */
export function sourceTableFor(table: TableSchema, enumTypes: boolean): TableSchema {
  if (!enumTypes) return table;
  const columns = table.columns.map((column) =>
    column.type.kind === 'enum' && !column.type.enumName
      ? { ...column, type: { ...column.type, enumName: `${table.name}_${column.name}` } }
      : column,
  );
  return { ...table, columns };
}

/**
 * (Re)creates source tables from their contracts: drops them first (children before parents),
 * then creates them parents first with the dialect's DDL compiler. Returns the tables as created.
 *
 * @example
 * ```ts
 * const [customer, address] = await recreateSourceTables(conn, [systemA.schemaOf('customer'), systemA.schemaOf('address')]);
 * ```
 */
export async function recreateSourceTables(
  conn: Connection,
  tables: readonly TableSchema[],
): Promise<TableSchema[]> {
  const { adapter } = conn.dialect;
  const created = tables.map((t) => sourceTableFor(t, adapter.supportsEnumTypes));
  for (const table of [...created].reverse())
    await conn.query(`DROP TABLE IF EXISTS ${adapter.quoteTable(table)}`);
  const ddl = conn.dialect.createDdlCompiler();
  for (const table of created) for (const sql of ddl.createTable(table)) await conn.query(sql);
  return created;
}
