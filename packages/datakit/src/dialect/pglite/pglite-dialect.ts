import type { Dialect } from '../connection.js';
import { PostgresDdlCompiler } from '../postgres/postgres-ddl-compiler.js';
import { postgresFamily } from '../postgres/postgres-family.js';
import { PostgresIntrospector } from '../postgres/postgres-introspector.js';
import { postgresReader } from '../postgres/postgres-source-reader.js';
import { pgliteAdapter } from './pglite-adapter.js';

/**
 * Embedded PostgreSQL (PGlite, WASM) as a different driver for the PostgreSQL SQL family: it
 * reuses the PostgreSQL introspector and DDL compiler. URLs: `pglite://memory` or
 * `pglite://<data directory>`.
 *
 * @example
 * ```ts
 * const conn = await pgliteDialect.connect(parseConnectionUrl('pglite://./.datakit/warehouse'));
 * ```
 */
export const pgliteDialect: Dialect = {
  name: 'pglite',
  adapter: pgliteAdapter,
  family: postgresFamily,
  // The driver loads with the first connection: a command that opens none starts without PGlite.
  connect: async (url) => (await import('./pglite-driver.js')).PgliteConnection.open(url, pgliteDialect),
  createIntrospector: (conn) => new PostgresIntrospector(conn),
  createDdlCompiler: () => new PostgresDdlCompiler(),
  reader: postgresReader,
};
