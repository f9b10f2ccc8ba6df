import { DatakitError } from '../errors/datakit-error.js';
import type {
  CheckSchema,
  ColumnSchema,
  ColumnType,
  ForeignKeySchema,
  IndexSchema,
  KeyConstraint,
  TableSchema,
} from '../schema/table-schema.js';
import type { CreateTableOptions, DdlCompiler, TableRef } from './ddl-compiler.js';
import type { DialectAdapter } from './dialect-adapter.js';

/** Where a type is rendered, for error messages and enum type names. */
export interface TypeSite {
  table: string;
  column: string;
  schema?: string;
}

/**
 * The DDL both SQL families share: table bodies, keys, foreign keys, checks and `ALTER TABLE ...
 * ADD`. Each dialect supplies types, column definitions, literals and its own small differences.
 *
 * @example
 * ```ts
 * class PostgresDdlCompiler extends SqlDdlCompiler { ... }
 * ```
 * @internal
 */
export abstract class SqlDdlCompiler implements DdlCompiler {
  /** The database's name in messages, e.g. `PostgreSQL`. */
  protected abstract readonly databaseName: string;

  constructor(protected readonly adapter: DialectAdapter) {}

  abstract renderType(type: ColumnType, where: TypeSite): string;
  abstract createSchema(name: string): string;
  abstract createEnum(schema: string | undefined, name: string, values: readonly string[]): string[];
  abstract addEnumValues(schema: string | undefined, name: string, values: readonly string[]): string[];
  abstract addColumn(table: TableRef, column: ColumnSchema): string;
  abstract dropColumn(table: TableRef, column: string): string;
  abstract alterColumnType(table: TableRef, column: ColumnSchema): string;
  abstract setNotNull(table: TableRef, column: string | ColumnSchema, notNull: boolean): string;
  abstract setDefault(table: TableRef, column: ColumnSchema): string;
  abstract extendEnum(table: TableRef, column: ColumnSchema, added: readonly string[]): string[];
  abstract createIndex(table: TableRef, index: IndexSchema, where?: string): string;
  abstract dropIndex(table: TableRef, index: IndexSchema): string;
  abstract insertKeyedRow(
    table: TableRef,
    row: { key: string; columns: readonly string[]; values: readonly string[] },
  ): string;
  /** One column inside `CREATE TABLE` / `ADD COLUMN`. */
  protected abstract columnDefinition(table: TableRef, column: ColumnSchema): string;
  /** Statements around `CREATE TABLE`: enum types before, comments after. */
  protected abstract beforeTable(table: TableSchema): string[];
  protected abstract afterTable(table: TableSchema): string[];
  protected abstract tableOptions(table: TableSchema): string;

  createTable(table: TableSchema, options: CreateTableOptions = {}): string[] {
    const parts = table.columns.map((column) => `  ${this.columnDefinition(table, column)}`);
    if (table.primaryKey) parts.push(`  ${this.keyClause('PRIMARY KEY', table.primaryKey)}`);
    for (const unique of table.uniques) parts.push(`  ${this.keyClause('UNIQUE', unique)}`);
    for (const check of table.checks) parts.push(`  ${this.checkClause(check)}`);
    for (const fk of table.foreignKeys) parts.push(`  ${this.foreignKeyClause(table, fk)}`);
    const create = `CREATE TABLE IF NOT EXISTS ${this.table(table)} (\n${parts.join(',\n')}\n)${this.tableOptions(table)}`;
    const indexes = table.indexes.map((index) => this.createIndex(table, index));
    const before = options.enumTypes === false ? [] : this.beforeTable(table);
    return [...before, create, ...indexes, ...this.afterTable(table)];
  }

  dropTable(table: TableRef): string {
    return `DROP TABLE IF EXISTS ${this.table(table)}`;
  }

  addPrimaryKey(table: TableRef, key: KeyConstraint): string {
    return `ALTER TABLE ${this.table(table)} ADD ${this.keyClause('PRIMARY KEY', key)}`;
  }

  addUnique(table: TableRef, key: KeyConstraint): string {
    return `ALTER TABLE ${this.table(table)} ADD ${this.keyClause('UNIQUE', key)}`;
  }

  addForeignKey(table: TableRef, fk: ForeignKeySchema): string {
    return `ALTER TABLE ${this.table(table)} ADD ${this.foreignKeyClause(table, fk)}`;
  }

  addCheck(table: TableRef, check: CheckSchema): string {
    return `ALTER TABLE ${this.table(table)} ADD ${this.checkClause(check)}`;
  }

  protected q(name: string): string {
    return this.adapter.quoteIdentifier(name);
  }

  protected table(ref: TableRef): string {
    return this.adapter.quoteTable(ref);
  }

  protected columnList(columns: readonly string[]): string {
    return columns.map((c) => this.q(c)).join(', ');
  }

  protected constraintName(name: string | undefined): string {
    return name ? `CONSTRAINT ${this.q(name)} ` : '';
  }

  protected keyClause(kind: 'PRIMARY KEY' | 'UNIQUE', key: KeyConstraint): string {
    return `${this.constraintName(key.name)}${kind} (${this.columnList(key.columns)})`;
  }

  protected checkClause(check: CheckSchema): string {
    return `${this.constraintName(check.name)}CHECK (${check.expression})`;
  }

  protected foreignKeyClause(table: TableRef, fk: ForeignKeySchema): string {
    const schema = fk.references.schema ?? table.schema;
    const target = this.table(
      schema === undefined ? { name: fk.references.table } : { schema, name: fk.references.table },
    );
    let sql = `${this.constraintName(fk.name)}FOREIGN KEY (${this.columnList(fk.columns)}) REFERENCES ${target} (${this.columnList(fk.references.columns)})`;
    if (fk.onDelete) sql += ` ON DELETE ${fk.onDelete.toUpperCase()}`;
    if (fk.onUpdate) sql += ` ON UPDATE ${fk.onUpdate.toUpperCase()}`;
    return sql;
  }

  /** The `UNSUPPORTED` error for a type this dialect cannot store, naming table, column and fix. */
  protected unsupported(type: ColumnType, where: TypeSite, hint: string): DatakitError {
    const spelled = type.raw ?? `${type.kind}${type.dimensions ? '[]'.repeat(type.dimensions) : ''}`;
    const table = where.schema ? `${where.schema}.${where.table}` : where.table;
    return new DatakitError(
      'UNSUPPORTED',
      `Column "${where.column}" of table "${table}" has type "${spelled}", which ${this.databaseName} cannot store`,
      {
        hint,
        context: {
          table: where.table,
          column: where.column,
          ...(where.schema ? { schema: where.schema } : {}),
        },
      },
    );
  }
}

/** A raw type spelling that is safe to render as-is: a name with optional numeric arguments. */
export const SAFE_RAW_TYPE = /^[a-z_][a-z0-9_ ]*(\(\s*\d+(\s*,\s*\d+)*\s*\))?( [a-z ]+)?(\[\d*\])*$/i;
