import type { CheckSchema, ColumnSchema, ForeignKeySchema, TableSchema } from '../../schema/table-schema.js';
import { byName, compareText } from '../compare-text.js';
import type { Connection } from '../connection.js';
import type { IntrospectOptions, Introspector } from '../introspector.js';
import { mysqlAdapter } from './mysql-adapter.js';
import { mysqlCatalogQueries as sql } from './mysql-catalog-queries.js';
import { parseMysqlType } from './mysql-parse-sql-type.js';

interface ColumnRow {
  table_name: string;
  name: string;
  is_nullable: string;
  column_type: string;
  default_sql: string | null;
  extra: string;
  comment: string;
}
interface KeyRow {
  table_name: string;
  name: string;
  non_unique: number | string;
  column_name: string;
}
interface ForeignKeyRow {
  table_name: string;
  name: string;
  column_name: string;
  ref_schema: string;
  ref_table: string;
  ref_column: string;
  on_delete: string;
  on_update: string;
}
interface CheckRow {
  table_name: string;
  name: string;
  clause: string;
  level: string;
}

/**
 * Reads MySQL/MariaDB tables from information_schema into {@link TableSchema}s, mapping
 * tinyint(1) → boolean, datetime → timestamp, timestamp → timestamptz, decimal → numeric,
 * blob/binary → bytea, inline `enum(...)` → enum with its values, json (MariaDB's json-checked
 * longtext too, whose `json_valid` check is hidden). Normalizes like the PostgreSQL introspector:
 * no primary key name (always `PRIMARY`), `RESTRICT`/`NO ACTION` foreign key actions left out,
 * unique indexes listed as uniques (MySQL cannot tell them apart), the index MySQL adds for a
 * foreign key not listed. Sorted by name in code-point order.
 *
 * @example
 * ```ts
 * const tables = await new MysqlIntrospector(conn).introspect(); // the connection's database
 * ```
 */
export class MysqlIntrospector implements Introspector {
  constructor(private readonly conn: Connection) {}

  async listSchemas(): Promise<string[]> {
    const { rows } = await this.conn.query<{ name: string }>(sql.schemas);
    return rows.map((r) => r.name).sort(compareText);
  }

  async introspect(options: IntrospectOptions = {}): Promise<TableSchema[]> {
    if (options.tables?.length === 0) return [];
    const { rows: info } = await this.conn.query<{ db: string | null; version: string }>(
      'select database() as db, version() as version',
    );
    const schema = options.schema ?? info[0]?.db ?? '';
    const mariadb = /mariadb/i.test(info[0]?.version ?? '');
    const read = async <R>(query: string) => {
      const text = query.replace(/\{tables:([\w.]+)\}/, (_m, column: string) =>
        options.tables ? `and ${column} in (?)` : '',
      );
      return (await this.conn.query<R>(text, options.tables ? [schema, [...options.tables]] : [schema])).rows;
    };
    const tableRows = await read<{ table_name: string; comment: string }>(sql.tables);
    const columnRows = await read<ColumnRow>(sql.columns);
    const keyRows = await read<KeyRow>(sql.keys);
    const fkRows = await read<ForeignKeyRow>(sql.foreignKeys);
    const checkRows = await read<CheckRow>(mariadb ? sql.mariadbChecks : sql.mysqlChecks);

    const tables = new Map<string, TableSchema>();
    for (const row of tableRows) {
      const table: TableSchema = {
        schema,
        name: row.table_name,
        columns: [],
        uniques: [],
        foreignKeys: [],
        indexes: [],
        checks: [],
      };
      if (row.comment) table.comment = row.comment;
      tables.set(row.table_name, table);
    }
    const jsonColumns = new Set<string>();
    for (const row of checkRows) {
      const table = tables.get(row.table_name);
      if (!table) continue;
      if (row.level === 'Column' && row.clause.replaceAll('`', '') === `json_valid(${row.name})`) {
        jsonColumns.add(`${row.table_name}\0${row.name}`);
      } else {
        table.checks.push({ name: row.name, expression: row.clause } satisfies CheckSchema);
      }
    }
    for (const row of columnRows) {
      tables
        .get(row.table_name)
        ?.columns.push(toColumn(row, mariadb, jsonColumns.has(`${row.table_name}\0${row.name}`)));
    }
    for (const [, table] of tables)
      addForeignKeys(
        table,
        fkRows.filter((r) => r.table_name === table.name),
      );
    for (const [, table] of tables)
      addKeys(
        table,
        keyRows.filter((r) => r.table_name === table.name),
      );

    const result = [...tables.values()].sort(byName);
    for (const table of result) {
      table.uniques.sort((a, b) => compareText(a.name ?? '', b.name ?? ''));
      table.foreignKeys.sort((a, b) => compareText(a.name ?? '', b.name ?? ''));
      table.indexes.sort(byName);
      table.checks.sort(byName);
    }
    return result;
  }
}

function toColumn(row: ColumnRow, mariadb: boolean, json: boolean): ColumnSchema {
  const type = json ? { kind: 'json' as const, raw: row.column_type } : parseMysqlType(row.column_type);
  const column: ColumnSchema = { name: row.name, type, nullable: row.is_nullable === 'YES' };
  if (/auto_increment/i.test(row.extra)) column.generated = 'identity';
  else if (row.default_sql !== null && !(mariadb && row.default_sql === 'NULL')) {
    column.default =
      mariadb || /DEFAULT_GENERATED/i.test(row.extra)
        ? row.default_sql
        : mysqlLiteral(row.default_sql, type.kind);
  }
  if (row.comment) column.comment = row.comment;
  return column;
}

/** MySQL 8 shows literal defaults unquoted; MariaDB (and Datakit's DDL) write them as SQL. */
function mysqlLiteral(value: string, kind: ColumnSchema['type']['kind']): string {
  const numeric = ['smallint', 'integer', 'bigint', 'numeric', 'real', 'double', 'boolean'].includes(kind);
  if (numeric && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value)) return value;
  return mysqlAdapter.quoteString(value);
}

const ACTIONS: Record<string, ForeignKeySchema['onDelete']> = {
  CASCADE: 'cascade',
  'SET NULL': 'set null',
  'SET DEFAULT': 'set default',
};

function addForeignKeys(table: TableSchema, rows: ForeignKeyRow[]): void {
  const byConstraint = new Map<string, ForeignKeySchema>();
  for (const row of rows) {
    let fk = byConstraint.get(row.name);
    if (!fk) {
      fk = {
        name: row.name,
        columns: [],
        references: {
          ...(row.ref_schema !== table.schema ? { schema: row.ref_schema } : {}),
          table: row.ref_table,
          columns: [],
        },
      };
      const onDelete = ACTIONS[row.on_delete];
      const onUpdate = ACTIONS[row.on_update];
      if (onDelete) fk.onDelete = onDelete;
      if (onUpdate) fk.onUpdate = onUpdate;
      byConstraint.set(row.name, fk);
      table.foreignKeys.push(fk);
    }
    (fk.columns as string[]).push(row.column_name);
    (fk.references.columns as string[]).push(row.ref_column);
  }
}

function addKeys(table: TableSchema, rows: KeyRow[]): void {
  const indexes = new Map<string, { unique: boolean; columns: string[] }>();
  for (const row of rows) {
    const index = indexes.get(row.name) ?? { unique: Number(row.non_unique) === 0, columns: [] };
    index.columns.push(row.column_name);
    indexes.set(row.name, index);
  }
  const foreignKeyNames = new Set(table.foreignKeys.map((fk) => fk.name));
  for (const [name, index] of indexes) {
    if (name === 'PRIMARY') table.primaryKey = { columns: index.columns };
    else if (index.unique) table.uniques.push({ name, columns: index.columns });
    else if (!foreignKeyNames.has(name)) table.indexes.push({ name, columns: index.columns, unique: false });
  }
}
