import pg from 'pg';
import type { ConnectionUrl } from '../parse-connection-url.js';
import { urlSeconds } from '../url-seconds.js';

const INTERVAL = 1186;
// Intervals as PostgreSQL's text (`1 day 02:00:00`), as PGlite returns them, not pg's object.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INTERVAL && format !== 'binary'
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * The node-postgres pool settings for a URL. Where a server can vanish the wait is bounded:
 * `connect_timeout` (seconds, default 15) for opening a connection or waiting for a pooled one,
 * TCP keepalive after `keepalives_idle` seconds of silence (default 30) so a dead peer is
 * noticed by the OS, and a pool size of `max` (default 10). Sessions are named `datakit`
 * unless the URL sets `application_name`, so a lock holder can be told apart.
 *
 * @example
 * ```ts
 * new pg.Pool(postgresPoolConfig(parseConnectionUrl('postgres://etl@db/dw?connect_timeout=5')));
 * ```
 * @internal
 */
export function postgresPoolConfig(url: ConnectionUrl): pg.PoolConfig {
  const params = new URL(url.url).searchParams;
  return {
    connectionString: url.url,
    connectionTimeoutMillis: urlSeconds(url, 'connect_timeout', 15) * 1000,
    keepAlive: true,
    keepAliveInitialDelayMillis: urlSeconds(url, 'keepalives_idle', 30) * 1000,
    max: Number(params.get('max') ?? 10),
    fallback_application_name: 'datakit',
    types,
  };
}
