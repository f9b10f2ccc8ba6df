import { DatakitError } from '../../errors/datakit-error.js';
import { authError } from '../auth-error.js';
import type { ConnectionUrl } from '../parse-connection-url.js';
import { isNetworkError, unreachableError } from '../unreachable-error.js';

/**
 * Classifies an error from opening a PostgreSQL connection: unreachable server (`CONNECTION`),
 * rejected credentials (`AUTH`, SQLSTATE class 28), or a missing database (`CONNECTION`).
 *
 * @example
 * ```ts
 * try { await pool.connect(); } catch (err) { throw postgresConnectError(url, err); }
 * ```
 * @internal
 */
export function postgresConnectError(url: ConnectionUrl, cause: unknown): DatakitError {
  if (cause instanceof DatakitError) return cause;
  const code = (cause as { code?: unknown } | null)?.code;
  if (code === '28P01' || code === '28000') {
    return authError(url, cause, cause instanceof Error ? cause.message : undefined);
  }
  if (code === '3D000') {
    return new DatakitError(
      'CONNECTION',
      `Database "${url.database ?? ''}" does not exist on ${url.host}:${url.port}`,
      {
        hint: `Create it (create database "${url.database ?? ''}") or fix the database name in the URL (${url.redacted}).`,
        context: { host: url.host ?? '', port: url.port ?? 0, database: url.database ?? '' },
        cause,
      },
    );
  }
  if (isNetworkError(cause)) return unreachableError(url, cause);
  const raw = cause instanceof Error ? cause.message : String(cause);
  const message = url.password ? raw.split(url.password).join('***') : raw;
  return new DatakitError('CONNECTION', `Cannot connect to ${url.redacted}: ${message}`, {
    hint: 'Check the URL, the server log, and the SSL settings (?sslmode=...).',
    context: { host: url.host ?? '', port: url.port ?? 0 },
    cause,
  });
}
