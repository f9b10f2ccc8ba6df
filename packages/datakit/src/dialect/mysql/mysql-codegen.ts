import type { FamilyCodegen } from '../family-codegen.js';
import { mysqlColumnBuilder } from './mysql-column-builder.js';
import { MYSQL_CUSTOM_TYPES } from './mysql-custom-types.js';

/**
 * mysql-core modules: `mysqlTable`, inline `mysqlEnum` columns, no schema unless asked (the
 * database name differs per environment), every primary key named `PRIMARY`, and
 * `.autoincrement()` for generated columns.
 *
 * @example
 * ```ts
 * mysqlCodegen.columnBuilder({ kind: 'integer', raw: 'mediumint unsigned' }, context).builder; // 'mediumint({ unsigned: true })'
 * ```
 * @internal
 */
export const mysqlCodegen: FamilyCodegen = {
  coreModule: 'drizzle-orm/mysql-core',
  tableFunction: 'mysqlTable',
  schemaFunction: 'mysqlSchema',
  enumFunction: undefined,
  extraConfigType: 'MySqlTableExtraConfigValue',
  builderNames: [
    'mysqlTable',
    'mysqlSchema',
    'mysqlEnum',
    'tinyint',
    'smallint',
    'mediumint',
    'int',
    'bigint',
    'decimal',
    'float',
    'double',
    'real',
    'boolean',
    'text',
    'tinytext',
    'mediumtext',
    'longtext',
    'varchar',
    'char',
    'date',
    'datetime',
    'time',
    'timestamp',
    'json',
    'binary',
    'varbinary',
    'year',
  ],
  customTypes: MYSQL_CUSTOM_TYPES,
  fixedPrimaryKeyName: true,
  tableSchema: () => undefined,
  defaultPrimaryKeyName: () => 'PRIMARY',
  columnBuilder: (type, context) => mysqlColumnBuilder(type, context.bigint),
  generated: () => ({ chain: '.autoincrement()', impliesNotNull: false }),
};
