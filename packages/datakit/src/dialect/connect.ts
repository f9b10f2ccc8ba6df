import type { Connection, Dialect } from './connection.js';
import { mysqlDialect } from './mysql/mysql-dialect.js';
import type { ConnectionUrl } from './parse-connection-url.js';
import { parseConnectionUrl } from './parse-connection-url.js';
import { pgliteDialect } from './pglite/pglite-dialect.js';
import { postgresDialect } from './postgres/postgres-dialect.js';

/**
 * The dialect for a connection kind.
 *
 * @example
 * ```ts
 * dialectFor('mysql').adapter.quoteIdentifier('order'); // `order`
 * ```
 */
export function dialectFor(kind: ConnectionUrl['kind']): Dialect {
  switch (kind) {
    case 'postgres':
      return postgresDialect;
    case 'pglite':
      return pgliteDialect;
    case 'mysql':
      return mysqlDialect;
  }
}

/**
 * Opens a connection, choosing the dialect from the URL's scheme: `postgres://`, `postgresql://`,
 * `mysql://`, `mariadb://`, `pglite://memory` or `pglite://<data directory>`.
 *
 * @example
 * ```ts
 * const conn = await connect(process.env.WAREHOUSE_URL ?? 'pglite://memory');
 * try { await conn.query('select 1'); } finally { await conn.close(); }
 * ```
 */
export async function connect(url: string): Promise<Connection> {
  const parsed = parseConnectionUrl(url);
  return dialectFor(parsed.kind).connect(parsed);
}
