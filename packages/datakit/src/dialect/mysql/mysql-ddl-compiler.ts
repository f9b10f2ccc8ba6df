import { DatakitError } from '../../errors/datakit-error.js';
import type {
  ColumnSchema,
  ColumnType,
  IndexSchema,
  KeyConstraint,
  TableSchema,
} from '../../schema/table-schema.js';
import type { TableRef } from '../ddl-compiler.js';
import type { TypeSite } from '../sql-ddl-compiler.js';
import { SAFE_RAW_TYPE, SqlDdlCompiler } from '../sql-ddl-compiler.js';
import { mysqlAdapter } from './mysql-adapter.js';

const PLAIN: Partial<Record<ColumnType['kind'], string>> = {
  smallint: 'smallint',
  integer: 'int',
  bigint: 'bigint',
  real: 'float',
  double: 'double',
  boolean: 'tinyint(1)',
  text: 'longtext',
  uuid: 'char(36)',
  date: 'date',
  json: 'json',
  jsonb: 'json',
};

/**
 * MySQL/MariaDB DDL: backtick-quoted identifiers, inline `ENUM(...)`, `AUTO_INCREMENT` for
 * generated keys, comments inline. The type mapping and what it loses is listed on
 * {@link mysqlAdapter}. Primary keys are always named `PRIMARY` by MySQL, so their name is not
 * written.
 *
 * @example
 * ```ts
 * new MysqlDdlCompiler().renderType({ kind: 'numeric', precision: 12, scale: 2 }, { table: 'order', column: 'total' });
 * // 'decimal(12,2)'
 * ```
 */
export class MysqlDdlCompiler extends SqlDdlCompiler {
  protected readonly databaseName = 'MySQL/MariaDB';

  constructor() {
    super(mysqlAdapter);
  }

  renderType(type: ColumnType, where: TypeSite): string {
    if (type.dimensions) {
      throw this.unsupported(
        type,
        where,
        'MySQL has no array columns: store the values as json, or in a child table.',
      );
    }
    if (type.kind === 'smallint' && /^year\b/i.test(type.raw ?? '')) return 'year';
    const plain = PLAIN[type.kind];
    if (plain) return plain;
    const p = type.precision === undefined ? '' : `(${type.precision})`;
    switch (type.kind) {
      case 'numeric':
        return type.precision === undefined
          ? 'decimal(65,30)'
          : `decimal(${type.precision},${type.scale ?? 0})`;
      case 'varchar':
        return type.length === undefined ? 'longtext' : `varchar(${type.length})`;
      case 'char':
        return `char(${type.length ?? 1})`;
      case 'time':
        return `time${p}`;
      case 'timestamp':
        return `datetime${p}`;
      case 'timestamptz':
        return `timestamp${p}`;
      case 'bytea':
        return type.length === undefined ? 'longblob' : `varbinary(${type.length})`;
      case 'enum':
        if (!type.enumValues || type.enumValues.length === 0) {
          throw this.unsupported(
            type,
            where,
            'List the enum values in the contract: MySQL enums are declared inline.',
          );
        }
        return `enum(${type.enumValues.map((v) => this.adapter.quoteString(v)).join(',')})`;
      case 'interval':
      case 'tstzrange':
        throw this.unsupported(
          type,
          where,
          `Store ${type.kind} as text (or two timestamp columns for a range) on MySQL.`,
        );
      default: {
        if (type.raw && /^set\(/i.test(type.raw) && type.enumValues)
          return `set(${type.enumValues.map((v) => this.adapter.quoteString(v)).join(',')})`;
        if (type.raw && SAFE_RAW_TYPE.test(type.raw)) return type.raw;
        throw this.unsupported(
          type,
          where,
          'Map the column to a supported type (text, decimal, json, ...) in the contract, or convert it in a transform.',
        );
      }
    }
  }

  createSchema(name: string): string {
    return `CREATE DATABASE IF NOT EXISTS ${this.q(name)}`;
  }

  createEnum(): string[] {
    return [];
  }

  addEnumValues(schema: string | undefined, name: string): string[] {
    throw new DatakitError('UNSUPPORTED', `MySQL has no enum types: cannot add values to "${name}"`, {
      hint: 'Change the column with alterColumnType and the full list of values instead.',
      context: schema === undefined ? {} : { schema },
    });
  }

  addColumn(table: TableRef, column: ColumnSchema): string {
    return `ALTER TABLE ${this.table(table)} ADD COLUMN ${this.columnDefinition(table, column)}`;
  }

  dropColumn(table: TableRef, column: string): string {
    return `ALTER TABLE ${this.table(table)} DROP COLUMN ${this.q(column)}`;
  }

  alterColumnType(table: TableRef, column: ColumnSchema): string {
    return `ALTER TABLE ${this.table(table)} MODIFY COLUMN ${this.columnDefinition(table, column)}`;
  }

  setNotNull(table: TableRef, column: string | ColumnSchema, notNull: boolean): string {
    if (typeof column === 'string') {
      throw new DatakitError(
        'UNSUPPORTED',
        `MySQL cannot change the nullability of "${table.name}"."${column}" by name alone`,
        {
          hint: 'Pass the full ColumnSchema: MySQL restates the whole column (MODIFY COLUMN).',
          context: { table: table.name, column },
        },
      );
    }
    return this.alterColumnType(table, { ...column, nullable: !notNull });
  }

  setDefault(table: TableRef, column: ColumnSchema): string {
    return this.alterColumnType(table, column);
  }

  extendEnum(table: TableRef, column: ColumnSchema): string[] {
    return [this.alterColumnType(table, column)];
  }

  createIndex(table: TableRef, index: IndexSchema, where?: string): string {
    if (where !== undefined) {
      throw new DatakitError('UNSUPPORTED', `MySQL has no partial indexes: cannot create "${index.name}"`, {
        hint: 'Index every row instead, or keep the table on PostgreSQL.',
        context: { table: table.name },
      });
    }
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${this.q(index.name)} ON ${this.table(table)} (${this.columnList(index.columns)})`;
  }

  dropIndex(table: TableRef, index: IndexSchema): string {
    return `DROP INDEX ${this.q(index.name)} ON ${this.table(table)}`;
  }

  insertKeyedRow(
    table: TableRef,
    row: { key: string; columns: readonly string[]; values: readonly string[] },
  ): string {
    // AUTO_INCREMENT takes an explicit value as it is; the no-op update keeps an existing row.
    return `INSERT INTO ${this.table(table)} (${this.columnList(row.columns)}) VALUES (${row.values.join(', ')}) ON DUPLICATE KEY UPDATE ${this.q(row.key)} = ${this.q(row.key)}`;
  }

  protected override keyClause(kind: 'PRIMARY KEY' | 'UNIQUE', key: KeyConstraint): string {
    return super.keyClause(kind, kind === 'PRIMARY KEY' ? { columns: key.columns } : key);
  }

  protected columnDefinition(table: TableRef, column: ColumnSchema): string {
    const site = {
      table: table.name,
      column: column.name,
      ...(table.schema === undefined ? {} : { schema: table.schema }),
    };
    // NULL is written out: without it MySQL's first TIMESTAMP column may become NOT NULL ON UPDATE.
    let sql = `${this.q(column.name)} ${this.renderType(column.type, site)} ${column.nullable ? 'NULL' : 'NOT NULL'}`;
    if (column.generated) sql += ' AUTO_INCREMENT';
    else if (column.default !== undefined) sql += ` DEFAULT ${column.default}`;
    if (column.comment !== undefined) sql += ` COMMENT ${this.adapter.quoteString(column.comment)}`;
    return sql;
  }

  protected beforeTable(): string[] {
    return [];
  }

  protected afterTable(): string[] {
    return [];
  }

  protected tableOptions(table: TableSchema): string {
    const comment = table.comment === undefined ? '' : ` COMMENT=${this.adapter.quoteString(table.comment)}`;
    return ` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4${comment}`;
  }
}
