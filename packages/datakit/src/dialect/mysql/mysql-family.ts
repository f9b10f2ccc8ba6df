import type { DialectFamily } from '../dialect-family.js';
import { mysqlAdapter } from './mysql-adapter.js';
import { mysqlCodegen } from './mysql-codegen.js';
import { mysqlDrizzle } from './mysql-drizzle.js';
import { parseMysqlType } from './mysql-parse-sql-type.js';
import { mysqlValues } from './mysql-values.js';

/**
 * The MySQL/MariaDB SQL family.
 *
 * @example
 * ```ts
 * mysqlFamily.parseSqlType('tinyint(1)'); // { kind: 'boolean', raw: 'tinyint(1)' }
 * ```
 */
export const mysqlFamily: DialectFamily = {
  name: 'mysql',
  adapter: mysqlAdapter,
  parseSqlType: parseMysqlType,
  drizzle: mysqlDrizzle,
  values: mysqlValues,
  codegen: mysqlCodegen,
};
