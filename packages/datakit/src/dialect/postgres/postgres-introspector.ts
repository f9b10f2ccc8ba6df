import type { ColumnSchema, ColumnType, ForeignKeySchema, TableSchema } from '../../schema/table-schema.js';
import { byName, compareText } from '../compare-text.js';
import type { Connection } from '../connection.js';
import type { IntrospectOptions, Introspector } from '../introspector.js';
import { postgresCatalogQueries as sql } from './postgres-catalog-queries.js';
import { parsePostgresType } from './postgres-parse-sql-type.js';

interface ColumnRow {
  table_name: string;
  name: string;
  not_null: boolean;
  type_sql: string;
  dims: number;
  is_array: boolean;
  elem_oid: number;
  elem_kind: string;
  elem_name: string;
  default_sql: string | null;
  identity: string;
  generated: string;
  comment: string | null;
}

interface ConstraintRow {
  name: string;
  type: 'p' | 'u' | 'f' | 'c';
  table_name: string;
  columns: string[];
  ref_table: string | null;
  ref_schema: string | null;
  ref_columns: string[];
  on_delete: string;
  on_update: string;
  definition: string;
}

const ACTIONS: Record<string, ForeignKeySchema['onDelete']> = {
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

/**
 * Reads PostgreSQL (and PGlite) tables from `pg_catalog` into {@link TableSchema}s. Normalizes
 * so that DDL written by {@link PostgresDdlCompiler} reads back equal: a literal default loses its
 * cast (`'new'::status` → `'new'`), `nextval(...)` and identity columns become
 * `generated: 'identity'`/`'always'`, `NO ACTION` foreign key actions are left out, a referenced
 * table in the same schema has no `schema`, and index-backed constraints are not listed as
 * indexes. Everything is sorted by name (code-point order, not the database collation).
 *
 * @example
 * ```ts
 * const [customer] = await new PostgresIntrospector(conn).introspect({ schema: 'system_a', tables: ['customer'] });
 * ```
 */
export class PostgresIntrospector implements Introspector {
  constructor(private readonly conn: Connection) {}

  async listSchemas(): Promise<string[]> {
    const { rows } = await this.conn.query<{ name: string }>(sql.schemas);
    return rows.map((r) => r.name).sort(compareText);
  }

  async introspect(options: IntrospectOptions = {}): Promise<TableSchema[]> {
    const schema = options.schema ?? 'public';
    const params = [schema, options.tables ? [...options.tables] : null];
    const tableRows = (
      await this.conn.query<{ table_name: string; comment: string | null }>(sql.tables, params)
    ).rows;
    const columnRows = (await this.conn.query<ColumnRow>(sql.columns, params)).rows;
    const constraintRows = (await this.conn.query<ConstraintRow>(sql.constraints, params)).rows;
    const indexRows = (
      await this.conn.query<{ name: string; table_name: string; is_unique: boolean; columns: string[] }>(
        sql.indexes,
        params,
      )
    ).rows;
    const enumOids = [...new Set(columnRows.filter((c) => c.elem_kind === 'e').map((c) => c.elem_oid))];
    const enums = new Map<number, string[]>();
    if (enumOids.length > 0) {
      const { rows } = await this.conn.query<{ type_oid: number; labels: string[] }>(sql.enumValues, [
        enumOids,
      ]);
      for (const row of rows) enums.set(row.type_oid, row.labels);
    }

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
      if (row.comment !== null) table.comment = row.comment;
      tables.set(row.table_name, table);
    }
    for (const row of columnRows) tables.get(row.table_name)?.columns.push(toColumn(row, enums));
    for (const row of constraintRows) {
      const table = tables.get(row.table_name);
      if (table) addConstraint(table, row);
    }
    for (const row of indexRows) {
      tables
        .get(row.table_name)
        ?.indexes.push({ name: row.name, columns: row.columns, unique: row.is_unique });
    }
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

function toColumn(row: ColumnRow, enums: Map<number, string[]>): ColumnSchema {
  let type: ColumnType;
  if (row.elem_kind === 'e') {
    type = {
      kind: 'enum',
      enumName: row.elem_name,
      enumValues: enums.get(row.elem_oid) ?? [],
      raw: row.type_sql,
    };
  } else {
    type = parsePostgresType(row.type_sql);
  }
  delete type.dimensions;
  if (row.is_array) type.dimensions = row.dims > 0 ? row.dims : 1;
  const column: ColumnSchema = { name: row.name, type, nullable: !row.not_null };
  if (row.identity === 'a') column.generated = 'always';
  else if (row.identity === 'd' || /^nextval\(/i.test(row.default_sql ?? '')) column.generated = 'identity';
  else if (row.default_sql !== null && row.generated === '')
    column.default = normalizeDefault(row.default_sql);
  if (row.comment !== null) column.comment = row.comment;
  return column;
}

/** `'abc'::text` → `'abc'`: an untyped literal takes the column's type, so the cast adds nothing. */
function normalizeDefault(expression: string): string {
  const literal = /^('(?:[^']|'')*')::[\w\s."[\]()]+$/.exec(expression);
  return literal?.[1] ?? expression;
}

function addConstraint(table: TableSchema, row: ConstraintRow): void {
  if (row.type === 'p') {
    table.primaryKey = { name: row.name, columns: row.columns };
  } else if (row.type === 'u') {
    table.uniques.push({ name: row.name, columns: row.columns });
  } else if (row.type === 'c') {
    const expression =
      /^CHECK \((.*)\)(?: NOT VALID)?(?: NO INHERIT)?$/s.exec(row.definition)?.[1] ?? row.definition;
    table.checks.push({ name: row.name, expression });
  } else {
    const fk: ForeignKeySchema = {
      name: row.name,
      columns: row.columns,
      references: {
        ...(row.ref_schema !== null && row.ref_schema !== table.schema ? { schema: row.ref_schema } : {}),
        table: row.ref_table ?? '',
        columns: row.ref_columns,
      },
    };
    const onDelete = ACTIONS[row.on_delete];
    const onUpdate = ACTIONS[row.on_update];
    if (onDelete) fk.onDelete = onDelete;
    if (onUpdate) fk.onUpdate = onUpdate;
    table.foreignKeys.push(fk);
  }
}
