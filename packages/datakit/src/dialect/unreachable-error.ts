import { DatakitError } from '../errors/datakit-error.js';
import type { ConnectionUrl } from './parse-connection-url.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
]);

/**
 * Whether a driver error means the server could not be reached (refused, unknown host, timeout).
 *
 * @example
 * ```ts
 * if (isNetworkError(err)) throw unreachableError(url, err);
 * ```
 */
export function isNetworkError(cause: unknown): boolean {
  if (!(cause instanceof Error)) return false;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') return NETWORK_CODES.has(code);
  if (cause instanceof AggregateError) return cause.errors.some(isNetworkError);
  return /timeout|terminated unexpectedly|Connection terminated/i.test(cause.message);
}

/**
 * A `DatakitError('CONNECTION')` for a server that did not answer: names host and port and what to
 * check. The URL in it is the redacted one, so no password can leak.
 *
 * @example
 * ```ts
 * throw unreachableError(parseConnectionUrl('postgres://u:pw@127.0.0.1:1/db'), err);
 * // Cannot reach the postgres server at 127.0.0.1:1 (ECONNREFUSED)
 * ```
 */
export function unreachableError(url: ConnectionUrl, cause: unknown): DatakitError {
  const code = cause instanceof Error ? (cause as { code?: unknown }).code : undefined;
  const reason = typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
  const where = `${url.host ?? '?'}:${url.port ?? '?'}`;
  const context: { host?: string; port?: number; database?: string } = {};
  if (url.host !== undefined) context.host = url.host;
  if (url.port !== undefined) context.port = url.port;
  if (url.database !== undefined) context.database = url.database;
  return new DatakitError('CONNECTION', `Cannot reach the ${url.kind} server at ${where} (${reason})`, {
    hint:
      `Check that the server is running and listening on ${where}, that the port is right, that no ` +
      `firewall blocks it, and that the URL (${url.redacted}) names the right host.`,
    context,
    cause,
  });
}
