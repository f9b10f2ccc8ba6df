import type { Dialect } from '../connection.js';
import { mysqlAdapter } from './mysql-adapter.js';
import { mysqlCanceller } from './mysql-canceller.js';
import { MysqlDdlCompiler } from './mysql-ddl-compiler.js';
import { mysqlFamily } from './mysql-family.js';
import { MysqlIntrospector } from './mysql-introspector.js';
import { mysqlReader } from './mysql-source-reader.js';

/**
 * MySQL and MariaDB through mysql2. URLs: `mysql://` or `mariadb://user:password@host:3306/db`.
 *
 * @example
 * ```ts
 * const conn = await mysqlDialect.connect(parseConnectionUrl('mysql://root@127.0.0.1:3306/test'));
 * const tables = await mysqlDialect.createIntrospector(conn).introspect();
 * ```
 */
export const mysqlDialect: Dialect = {
  name: 'mysql',
  adapter: mysqlAdapter,
  family: mysqlFamily,
  // The driver loads with the first connection: a command that opens none starts without mysql2.
  connect: async (url) => (await import('./mysql-driver.js')).MysqlConnection.open(url, mysqlDialect),
  createIntrospector: (conn) => new MysqlIntrospector(conn),
  createDdlCompiler: () => new MysqlDdlCompiler(),
  reader: mysqlReader,
  canceller: mysqlCanceller,
};
