import type { Dialect } from '../connection.js';
import { postgresAdapter } from './postgres-adapter.js';
import { postgresCanceller } from './postgres-canceller.js';
import { PostgresDdlCompiler } from './postgres-ddl-compiler.js';
import { postgresFamily } from './postgres-family.js';
import { PostgresIntrospector } from './postgres-introspector.js';
import { postgresReader } from './postgres-source-reader.js';

/**
 * PostgreSQL through node-postgres (`pg`) with `pg-copy-streams` for COPY.
 *
 * @example
 * ```ts
 * const conn = await postgresDialect.connect(parseConnectionUrl('postgres://postgres@127.0.0.1:5432/test'));
 * const tables = await postgresDialect.createIntrospector(conn).introspect({ schema: 'public' });
 * ```
 */
export const postgresDialect: Dialect = {
  name: 'postgres',
  adapter: postgresAdapter,
  family: postgresFamily,
  // The driver loads with the first connection: a command that opens none starts without pg.
  connect: async (url) =>
    (await import('./postgres-driver.js')).PostgresConnection.open(url, postgresDialect),
  createIntrospector: (conn) => new PostgresIntrospector(conn),
  createDdlCompiler: () => new PostgresDdlCompiler(),
  reader: postgresReader,
  canceller: postgresCanceller,
};
