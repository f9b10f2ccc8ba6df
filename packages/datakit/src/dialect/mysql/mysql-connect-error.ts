import { DatakitError } from '../../errors/datakit-error.js';
import { authError } from '../auth-error.js';
import type { ConnectionUrl } from '../parse-connection-url.js';
import { isNetworkError, unreachableError } from '../unreachable-error.js';

/**
 * Classifies an error from opening a MySQL/MariaDB connection: unreachable server
 * (`CONNECTION`), rejected credentials (`AUTH`), or a missing database (`CONNECTION`).
 *
 * @example
 * ```ts
 * try { await pool.getConnection(); } catch (err) { throw mysqlConnectError(url, err); }
 * ```
 * @internal
 */
export function mysqlConnectError(url: ConnectionUrl, cause: unknown): DatakitError {
  if (cause instanceof DatakitError) return cause;
  const code = (cause as { code?: unknown } | null)?.code;
  const raw = cause instanceof Error ? cause.message : String(cause);
  const message = url.password ? raw.split(url.password).join('***') : raw;
  if (
    code === 'ER_ACCESS_DENIED_ERROR' ||
    code === 'ER_DBACCESS_DENIED_ERROR' ||
    code === 'ER_NOT_SUPPORTED_AUTH_MODE'
  ) {
    return authError(url, cause, message);
  }
  if (code === 'ER_BAD_DB_ERROR') {
    return new DatakitError(
      'CONNECTION',
      `Database "${url.database ?? ''}" does not exist on ${url.host}:${url.port}`,
      {
        hint: `Create it (create database \`${url.database ?? ''}\`) or fix the database name in the URL (${url.redacted}).`,
        context: { host: url.host ?? '', port: url.port ?? 0, database: url.database ?? '' },
        cause,
      },
    );
  }
  if (isNetworkError(cause)) return unreachableError(url, cause);
  return new DatakitError('CONNECTION', `Cannot connect to ${url.redacted}: ${message}`, {
    hint: 'Check the URL, the server log, and the SSL settings.',
    context: { host: url.host ?? '', port: url.port ?? 0 },
    cause,
  });
}
