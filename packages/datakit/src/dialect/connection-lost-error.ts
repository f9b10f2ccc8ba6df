import { DatakitError, type ErrorContext } from '../errors/datakit-error.js';
import { UNRESPONSIVE_CODE } from './unresponsive-watchdog.js';

const LOST_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  // PostgreSQL: admin_shutdown (pg_terminate_backend), crash_shutdown, idle_session_timeout.
  '57P01',
  '57P02',
  '57P05',
  '25P03',
  UNRESPONSIVE_CODE,
]);
const LOST_MESSAGE =
  /Connection terminated|not queryable|connection is in closed state|Connection lost|Connection was killed/i;

/**
 * Whether a driver error means an open connection was lost: the server closed or reset it,
 * killed its session (`pg_terminate_backend`, `KILL`), or a PostgreSQL connection exception
 * (SQLSTATE class 08).
 *
 * @example
 * ```ts
 * if (isConnectionLost(err)) throw connectionLostError({ target: conn.target }, err);
 * ```
 */
export function isConnectionLost(cause: unknown): boolean {
  if (cause instanceof DatakitError) return cause.code === 'CONNECTION' && lostErrors.has(cause);
  if (!(cause instanceof Error)) return false;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && (LOST_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  return LOST_MESSAGE.test(cause.message);
}

/**
 * Where a lost connection pointed: its redacted URL and, when known, host, port and database.
 *
 * @example
 * ```ts
 * const place: LostConnectionPlace = { target: conn.target, host: 'db', port: 5432, database: 'dw' };
 * ```
 */
export interface LostConnectionPlace {
  /** The connection's redacted URL (`Connection.target`): never holds a password. */
  target: string;
  host?: string;
  port?: number;
  database?: string;
}

const lostErrors = new WeakSet<DatakitError>();
const sided = new WeakMap<DatakitError, 'source' | 'warehouse'>();

function reasonOf(cause: unknown): string {
  if (cause instanceof DatakitError) return reasonOf(cause.cause);
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' && !cause.message.includes(code)
    ? `${cause.message} (${code})`
    : cause.message;
}

/**
 * A `DatakitError('CONNECTION')` for a connection lost mid-way: names the server by its redacted
 * URL (never a password), optionally the side it served (`source`, `warehouse`), and says the
 * interrupted transaction was rolled back so the work can simply run again.
 *
 * @example
 * ```ts
 * throw connectionLostError({ target: 'postgres://etl@db:5432/dw', host: 'db', port: 5432 }, err, 'warehouse');
 * // Lost the connection to the warehouse postgres://etl@db:5432/dw: terminating connection due to administrator command (57P01)
 * ```
 */
export function connectionLostError(
  place: LostConnectionPlace,
  cause: unknown,
  side?: 'source' | 'warehouse',
): DatakitError {
  const server = place.host === undefined ? place.target : `${place.host}:${place.port ?? '?'}`;
  const context: ErrorContext = {};
  if (place.host !== undefined) context.host = place.host;
  if (place.port !== undefined) context.port = place.port;
  if (place.database !== undefined) context.database = place.database;
  const original = cause instanceof DatakitError && lostErrors.has(cause) ? cause.cause : cause;
  const unresponsive = (original as { code?: unknown } | null)?.code === UNRESPONSIVE_CODE;
  const why = unresponsive
    ? `${server} stopped answering (down, or the network or a proxy on the way drops traffic), so ` +
      'Datakit gave up on the connection. '
    : 'The server ended the connection (a restart, pg_terminate_backend or KILL, an idle or ' +
      'network timeout). ';
  const tuning = unresponsive
    ? ' If the server is only slow to accept a new connection, raise ?unresponsive_timeout= ' +
      '(seconds, default 60; 0 turns the check off) in the URL.'
    : '';
  const error = new DatakitError(
    'CONNECTION',
    `Lost the connection to ${side ? `the ${side} ` : ''}${place.target}: ${reasonOf(original)}`,
    {
      hint:
        `${why}The interrupted transaction was rolled back, so nothing is half-done: ` +
        `run it again once ${server} answers.${tuning}`,
      context,
      cause: original,
    },
  );
  lostErrors.add(error);
  if (side) sided.set(error, side);
  return error;
}

/**
 * Names the side of a transfer a lost connection served, once: the first side to see it wins
 * (the source reader tags its errors before they travel through the warehouse's COPY).
 * Other errors come back unchanged.
 *
 * @example
 * ```ts
 * catch (err) { throw onSide(err, 'source', source.target); }
 * ```
 */
export function onSide(error: unknown, side: 'source' | 'warehouse', target: string): unknown {
  if (!(error instanceof DatakitError) || !lostErrors.has(error) || sided.has(error)) return error;
  const { host, port, database } = error.context;
  return connectionLostError(
    {
      target,
      ...(host === undefined ? {} : { host }),
      ...(port === undefined ? {} : { port }),
      ...(database === undefined ? {} : { database }),
    },
    error,
    side,
  );
}

/**
 * Whether `error` is a lost connection to the `side` of a transfer whose server stopped
 * answering (given up on after `unresponsive_timeout`): writing anything more there would only
 * wait out another timeout.
 *
 * @example
 * ```ts
 * if (!stoppedAnswering(err, 'warehouse')) await recordLoadEnd(warehouse, loadId, outcome);
 * ```
 */
export function stoppedAnswering(error: unknown, side: 'source' | 'warehouse'): boolean {
  if (!(error instanceof DatakitError) || sided.get(error) !== side) return false;
  return (error.cause as { code?: unknown } | undefined)?.code === UNRESPONSIVE_CODE;
}
