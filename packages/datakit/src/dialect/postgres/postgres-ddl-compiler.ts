import type { ColumnSchema, ColumnType, IndexSchema, TableSchema } from '../../schema/table-schema.js';
import type { TableRef } from '../ddl-compiler.js';
import type { TypeSite } from '../sql-ddl-compiler.js';
import { SAFE_RAW_TYPE, SqlDdlCompiler } from '../sql-ddl-compiler.js';
import { postgresAdapter } from './postgres-adapter.js';

const PLAIN: Partial<Record<ColumnType['kind'], string>> = {
  smallint: 'smallint',
  integer: 'integer',
  bigint: 'bigint',
  real: 'real',
  double: 'double precision',
  boolean: 'boolean',
  text: 'text',
  uuid: 'uuid',
  date: 'date',
  json: 'json',
  jsonb: 'jsonb',
  bytea: 'bytea',
  tstzrange: 'tstzrange',
};

/**
 * PostgreSQL (and PGlite) DDL: every identifier quoted, enums as `CREATE TYPE` (created only when
 * missing), `IF NOT EXISTS` on tables, columns and indexes so a deploy can be re-run.
 *
 * @example
 * ```ts
 * new PostgresDdlCompiler().createTable(customer);
 * // ['CREATE TABLE IF NOT EXISTS "system_a"."customer" (\n  "customer_id" integer NOT NULL, ...)']
 * ```
 */
export class PostgresDdlCompiler extends SqlDdlCompiler {
  protected readonly databaseName = 'PostgreSQL';

  constructor() {
    super(postgresAdapter);
  }

  renderType(type: ColumnType, where: TypeSite): string {
    const array = '[]'.repeat(type.dimensions ?? 0);
    return `${this.scalarType(type, where)}${array}`;
  }

  createSchema(name: string): string {
    return `CREATE SCHEMA IF NOT EXISTS ${this.q(name)}`;
  }

  createEnum(schema: string | undefined, name: string, values: readonly string[]): string[] {
    const type = this.table(schema === undefined ? { name } : { schema, name });
    const create = `CREATE TYPE ${type} AS ENUM (${values.map((v) => this.adapter.quoteString(v)).join(', ')})`;
    const tag = dollarTag(create);
    // PostgreSQL has no CREATE TYPE IF NOT EXISTS; a DO block keeps a re-run deploy idempotent.
    return [`DO ${tag} BEGIN ${create}; EXCEPTION WHEN duplicate_object THEN NULL; END ${tag}`];
  }

  addEnumValues(schema: string | undefined, name: string, values: readonly string[]): string[] {
    const type = this.table(schema === undefined ? { name } : { schema, name });
    return values.map((v) => `ALTER TYPE ${type} ADD VALUE IF NOT EXISTS ${this.adapter.quoteString(v)}`);
  }

  addColumn(table: TableRef, column: ColumnSchema): string {
    return `ALTER TABLE ${this.table(table)} ADD COLUMN IF NOT EXISTS ${this.columnDefinition(table, column)}`;
  }

  dropColumn(table: TableRef, column: string): string {
    return `ALTER TABLE ${this.table(table)} DROP COLUMN IF EXISTS ${this.q(column)}`;
  }

  alterColumnType(table: TableRef, column: ColumnSchema): string {
    const type = this.renderType(column.type, { table: table.name, column: column.name, ...schemaOf(table) });
    return `ALTER TABLE ${this.table(table)} ALTER COLUMN ${this.q(column.name)} TYPE ${type} USING ${this.q(column.name)}::${type}`;
  }

  setNotNull(table: TableRef, column: string | ColumnSchema, notNull: boolean): string {
    const name = typeof column === 'string' ? column : column.name;
    return `ALTER TABLE ${this.table(table)} ALTER COLUMN ${this.q(name)} ${notNull ? 'SET' : 'DROP'} NOT NULL`;
  }

  setDefault(table: TableRef, column: ColumnSchema): string {
    const change = column.default === undefined ? 'DROP DEFAULT' : `SET DEFAULT ${column.default}`;
    return `ALTER TABLE ${this.table(table)} ALTER COLUMN ${this.q(column.name)} ${change}`;
  }

  extendEnum(table: TableRef, column: ColumnSchema, added: readonly string[]): string[] {
    const { enumName } = column.type;
    if (!enumName) {
      throw this.unsupported(
        column.type,
        { table: table.name, column: column.name, ...schemaOf(table) },
        'Give the enum a type name (pgEnum("name", [...])).',
      );
    }
    return this.addEnumValues(table.schema, enumName, added);
  }

  createIndex(table: TableRef, index: IndexSchema, where?: string): string {
    const unique = index.unique ? 'UNIQUE ' : '';
    const partial = where === undefined ? '' : ` WHERE ${where}`;
    return `CREATE ${unique}INDEX IF NOT EXISTS ${this.q(index.name)} ON ${this.table(table)} (${this.columnList(index.columns)})${partial}`;
  }

  insertKeyedRow(
    table: TableRef,
    row: { key: string; columns: readonly string[]; values: readonly string[] },
  ): string {
    return `INSERT INTO ${this.table(table)} (${this.columnList(row.columns)}) OVERRIDING SYSTEM VALUE VALUES (${row.values.join(', ')}) ON CONFLICT (${this.q(row.key)}) DO NOTHING`;
  }

  dropIndex(table: TableRef, index: IndexSchema): string {
    return `DROP INDEX IF EXISTS ${this.table(table.schema === undefined ? { name: index.name } : { schema: table.schema, name: index.name })}`;
  }

  protected columnDefinition(table: TableRef, column: ColumnSchema): string {
    const site = { table: table.name, column: column.name, ...schemaOf(table) };
    let sql = `${this.q(column.name)} ${this.renderType(column.type, site)}`;
    if (column.generated === 'identity') sql += ' GENERATED BY DEFAULT AS IDENTITY';
    else if (column.generated === 'always') sql += ' GENERATED ALWAYS AS IDENTITY';
    else if (column.default !== undefined) sql += ` DEFAULT ${column.default}`;
    if (!column.nullable) sql += ' NOT NULL';
    return sql;
  }

  protected beforeTable(table: TableSchema): string[] {
    const seen = new Set<string>();
    const statements: string[] = [];
    for (const column of table.columns) {
      const { kind, enumName, enumValues } = column.type;
      if (kind !== 'enum' || !enumName || !enumValues || seen.has(enumName)) continue;
      seen.add(enumName);
      statements.push(...this.createEnum(table.schema, enumName, enumValues));
    }
    return statements;
  }

  protected afterTable(table: TableSchema): string[] {
    const statements: string[] = [];
    if (table.comment !== undefined) {
      statements.push(`COMMENT ON TABLE ${this.table(table)} IS ${this.adapter.quoteString(table.comment)}`);
    }
    for (const column of table.columns) {
      if (column.comment === undefined) continue;
      statements.push(
        `COMMENT ON COLUMN ${this.table(table)}.${this.q(column.name)} IS ${this.adapter.quoteString(column.comment)}`,
      );
    }
    return statements;
  }

  protected tableOptions(): string {
    return '';
  }

  private scalarType(type: ColumnType, where: TypeSite): string {
    const plain = PLAIN[type.kind];
    if (plain) return plain;
    const p = type.precision === undefined ? '' : `(${type.precision})`;
    switch (type.kind) {
      case 'varchar':
        return type.length === undefined ? 'varchar' : `varchar(${type.length})`;
      case 'char':
        return type.length === undefined ? 'char' : `char(${type.length})`;
      case 'numeric':
        if (type.precision === undefined) return 'numeric';
        return `numeric(${type.precision}, ${type.scale ?? 0})`;
      case 'time':
        return `time${p}`;
      case 'timestamp':
        return `timestamp${p}`;
      case 'timestamptz':
        return `timestamp${p} with time zone`;
      case 'interval':
        return `interval${p}`;
      case 'enum':
        if (!type.enumName) {
          throw this.unsupported(
            type,
            where,
            'Give the enum a type name (pgEnum("name", [...])) so PostgreSQL can create it.',
          );
        }
        return this.table(
          where.schema === undefined
            ? { name: type.enumName }
            : { schema: where.schema, name: type.enumName },
        );
      default: {
        const raw = type.raw?.replace(/(\[\d*\])+$/, '');
        if (raw && SAFE_RAW_TYPE.test(raw)) return raw;
        throw this.unsupported(
          type,
          where,
          'Map the column to a supported type (text, numeric, jsonb, ...) in the contract, or convert it in a transform.',
        );
      }
    }
  }
}

function schemaOf(table: TableRef): { schema?: string } {
  return table.schema === undefined ? {} : { schema: table.schema };
}

function dollarTag(body: string): string {
  let tag = '$datakit$';
  for (let i = 0; body.includes(tag); i++) tag = `$datakit${i}$`;
  return tag;
}
