import type { ConnectionOptions, PoolOptions } from 'mysql2';
import type { ConnectionUrl } from '../parse-connection-url.js';
import { urlSeconds } from '../url-seconds.js';

/**
 * The mysql2 settings of one connection to `url`: credentials, `connect_timeout` (seconds,
 * default 15), TCP keepalive after `keepalives_idle` seconds of silence (default 30), and values as exact strings (see
 * {@link MysqlConnection}).
 *
 * @example
 * ```ts
 * const conn = await mysql.createConnection(mysqlConnectionConfig(parseConnectionUrl('mysql://root@db/crm')));
 * ```
 * @internal
 */
export function mysqlConnectionConfig(url: ConnectionUrl): ConnectionOptions {
  return {
    host: url.host ?? '127.0.0.1',
    port: url.port ?? 3306,
    ...(url.user === undefined ? {} : { user: url.user }),
    ...(url.password === undefined ? {} : { password: url.password }),
    ...(url.database === undefined ? {} : { database: url.database }),
    connectTimeout: urlSeconds(url, 'connect_timeout', 15) * 1000,
    // The OS probes a silent peer after seconds instead of its default two hours.
    enableKeepAlive: true,
    keepAliveInitialDelay: urlSeconds(url, 'keepalives_idle', 30) * 1000,
    charset: 'utf8mb4',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    jsonStrings: true,
    timezone: 'Z',
    multipleStatements: false,
  };
}

/**
 * The mysql2 pool settings for `url`: {@link mysqlConnectionConfig} and a pool size of `max`
 * (default 10).
 *
 * @example
 * ```ts
 * const pool = mysql.createPool(mysqlPoolConfig(parseConnectionUrl('mysql://root@db/crm?max=4')));
 * ```
 * @internal
 */
export function mysqlPoolConfig(url: ConnectionUrl): PoolOptions {
  return {
    ...mysqlConnectionConfig(url),
    connectionLimit: Number(new URL(url.url).searchParams.get('max') ?? 10),
  };
}
