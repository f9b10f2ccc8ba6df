import { DatakitError } from '../errors/datakit-error.js';

/**
 * A parsed connection URL; `password` is kept out of `redacted`.
 *
 * @example
 * ```ts
 * const url: ConnectionUrl = parseConnectionUrl('postgres://etl:s3cret@db:5432/dw');
 * url.redacted; // 'postgres://etl:***@db:5432/dw'
 * ```
 */
export interface ConnectionUrl {
  kind: 'postgres' | 'pglite' | 'mysql';
  /** The URL as given (may hold a password: never print it). */
  url: string;
  /** The URL with the password replaced by `***`, safe for messages and logs. */
  redacted: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** PGlite: `memory` for an in-memory database, otherwise a data directory path. */
  path?: string;
}

/**
 * Parses `postgres://`, `postgresql://`, `mysql://`, `mariadb://`, `pglite://memory` and
 * `pglite://<path>` (relative, or `pglite:///abs/path`) URLs.
 *
 * @example
 * ```ts
 * parseConnectionUrl('postgres://postgres@127.0.0.1:5432/test').database; // 'test'
 * parseConnectionUrl('pglite://./.datakit/warehouse').path; // './.datakit/warehouse'
 * ```
 */
export function parseConnectionUrl(url: string): ConnectionUrl {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'pglite') {
    const rest = url.slice('pglite://'.length);
    const path = rest === '' || rest === 'memory' || rest === ':memory:' ? 'memory' : rest;
    return { kind: 'pglite', url, redacted: url, path };
  }
  const kind =
    scheme === 'postgres' || scheme === 'postgresql'
      ? 'postgres'
      : scheme === 'mysql' || scheme === 'mariadb'
        ? 'mysql'
        : undefined;
  if (!kind) {
    throw new DatakitError('CONFIG', `Unsupported connection URL scheme "${scheme ?? url.split(':')[0]}"`, {
      hint: 'Use postgres://user@host:5432/db, mysql://user@host:3306/db, pglite://memory or pglite://<directory>.',
    });
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new DatakitError('CONFIG', `Connection URL is not a valid URL (${kind})`, {
      hint: 'Check for unescaped characters in the user or password (percent-encode @, :, / and #).',
      cause,
    });
  }
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  const redactedUrl = new URL(url);
  if (redactedUrl.password) redactedUrl.password = '***';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined;
  const result: ConnectionUrl = {
    kind,
    url,
    redacted: redactedUrl.toString(),
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : kind === 'postgres' ? 5432 : 3306,
  };
  if (parsed.username) result.user = decodeURIComponent(parsed.username);
  if (password !== undefined) result.password = password;
  if (database !== undefined) result.database = database;
  return result;
}
