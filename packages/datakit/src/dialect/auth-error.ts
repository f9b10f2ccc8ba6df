import { DatakitError } from '../errors/datakit-error.js';
import type { ConnectionUrl } from './parse-connection-url.js';

/**
 * A `DatakitError('AUTH')` for rejected credentials: names the user and host, never the password.
 *
 * @example
 * ```ts
 * throw authError(parseConnectionUrl('postgres://nobody@127.0.0.1/db'), err);
 * // Authentication failed for user "nobody" at 127.0.0.1:5432
 * ```
 */
export function authError(url: ConnectionUrl, cause: unknown, reason?: string): DatakitError {
  const user = url.user ?? '(default user)';
  const where = `${url.host ?? '?'}:${url.port ?? '?'}`;
  const context: { host?: string; port?: number; database?: string } = {};
  if (url.host !== undefined) context.host = url.host;
  if (url.port !== undefined) context.port = url.port;
  if (url.database !== undefined) context.database = url.database;
  return new DatakitError(
    'AUTH',
    `Authentication failed for user "${user}" at ${where}${reason ? `: ${reason}` : ''}`,
    {
      hint:
        `Check the user name and password in the URL (${url.redacted}) or its environment variable, ` +
        `and that the user exists and may connect to database "${url.database ?? ''}".`,
      context,
      cause: redactCause(cause, url.password),
    },
  );
}

/** Drivers may echo the connection string; keep the cause but scrub the password from it. */
function redactCause(cause: unknown, password: string | undefined): unknown {
  if (!password || !(cause instanceof Error) || !cause.message.includes(password)) return cause;
  cause.message = cause.message.split(password).join('***');
  return cause;
}
