import type { Connection } from '../../src/dialect/connection.js';
import type { ColumnSchema, TableSchema } from '../../src/schema/table-schema.js';

/** The small builders the dialect suites share: quoting, tables by column list, bulk inserts. */
export function suiteHelpers(connection: () => Connection, schemaOf: () => string) {
  const adapter = () => connection().dialect.adapter;
  const ph = (i: number) => adapter().placeholder(i);
  const t = (name: string) => adapter().quoteTable({ schema: schemaOf(), name });
  const q = (name: string) => adapter().quoteIdentifier(name);
  const create = async (table: TableSchema) => {
    const conn = connection();
    const ddl = conn.dialect.createDdlCompiler();
    await conn.query(ddl.dropTable(table));
    for (const sql of ddl.createTable(table)) await conn.query(sql);
  };
  const simple = (name: string, columns: ColumnSchema[], pk?: string): TableSchema => ({
    schema: schemaOf(),
    name,
    columns,
    ...(pk ? { primaryKey: { columns: [pk] } } : {}),
    uniques: [],
    foreignKeys: [],
    indexes: [],
    checks: [],
  });
  const int = (name: string, nullable = false): ColumnSchema => ({
    name,
    type: { kind: 'integer' },
    nullable,
  });
  const text = (name: string): ColumnSchema => ({ name, type: { kind: 'text' }, nullable: true });
  const insertMany = async (table: string, columns: string[], rows: unknown[][]) => {
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      let n = 0;
      const values = chunk.map((row) => `(${row.map(() => ph(++n)).join(', ')})`).join(', ');
      await connection().query(
        `INSERT INTO ${t(table)} (${columns.map(q).join(', ')}) VALUES ${values}`,
        chunk.flat(),
      );
    }
  };
  return { ph, t, q, create, simple, int, text, insertMany };
}
