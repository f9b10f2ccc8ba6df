import pg from 'pg';
import { DatakitError } from '../../errors/datakit-error.js';
import type { ConnectionUrl } from '../parse-connection-url.js';

const INTERVAL = 1186;
// Intervals as PostgreSQL's text (`1 day 02:00:00`), as PGlite returns them, not pg's object.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INTERVAL && format !== 'binary'
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

function seconds(params: URLSearchParams, name: string, fallback: number, url: ConnectionUrl): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new DatakitError('CONFIG', `Connection URL parameter ${name}=${raw} is not a number of seconds`, {
      hint: `Use e.g. ?${name}=${fallback} in ${url.redacted}.`,
    });
  }
  return value;
}

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
    connectionTimeoutMillis: seconds(params, 'connect_timeout', 15, url) * 1000,
    keepAlive: true,
    keepAliveInitialDelayMillis: seconds(params, 'keepalives_idle', 30, url) * 1000,
    max: Number(params.get('max') ?? 10),
    fallback_application_name: 'datakit',
    types,
  };
}
