import type { Socket } from 'node:net';
import { formatDuration } from '../format/format-duration.js';
import type { ConnectionUrl } from './parse-connection-url.js';
import { urlSeconds } from './url-seconds.js';

/**
 * The error code of a session given up on because its server stopped answering.
 *
 * @example
 * ```ts
 * if ((err as { code?: unknown }).code === UNRESPONSIVE_CODE) console.log('the server went silent');
 * ```
 * @internal
 */
export const UNRESPONSIVE_CODE = 'DATAKIT_UNRESPONSIVE';

/**
 * When to give up on a server that stopped answering: a statement that has heard nothing for
 * `timeoutMs - probeMs` makes the watchdog try a new session, which must answer within
 * `probeMs`. `timeoutMs` 0 turns the watchdog off.
 *
 * @example
 * ```ts
 * const settings: UnresponsiveSettings = { timeoutMs: 60_000, probeMs: 15_000, server: 'db:5432' };
 * ```
 * @internal
 */
export interface UnresponsiveSettings {
  timeoutMs: number;
  probeMs: number;
  /** `host:port`, for the message. */
  server: string;
}

/**
 * The watchdog settings of a URL: `unresponsive_timeout` (seconds, default 60, 0 = off); the
 * probe gets `connect_timeout` (default 15 s), at most half of it.
 *
 * @example
 * ```ts
 * unresponsiveSettings(parseConnectionUrl('mysql://root@crm/crm?unresponsive_timeout=20')); // { timeoutMs: 20000, probeMs: 10000, ... }
 * ```
 * @internal
 */
export function unresponsiveSettings(url: ConnectionUrl): UnresponsiveSettings {
  const timeoutMs = urlSeconds(url, 'unresponsive_timeout', 60) * 1000;
  const connectMs = urlSeconds(url, 'connect_timeout', 15) * 1000;
  const half = timeoutMs / 2;
  return {
    timeoutMs,
    probeMs: connectMs > 0 ? Math.min(connectMs, half) : half,
    server: `${url.host ?? '?'}:${url.port ?? '?'}`,
  };
}

/**
 * A driver session as the watchdog sees it: its socket, and whether a statement waits on the
 * server (the driver has a request in flight).
 *
 * @example
 * ```ts
 * const session: WatchedSession = { socket: client.connection.stream, busy: () => client._activeQuery != null };
 * ```
 * @internal
 */
export interface WatchedSession {
  readonly socket: Socket;
  busy(): boolean;
}

/**
 * The error a session is destroyed with when its server stopped answering.
 *
 * @example
 * ```ts
 * socket.destroy(unresponsiveError({ timeoutMs: 60_000, probeMs: 15_000, server: 'db:5432' }, 45_000));
 * ```
 * @internal
 */
export function unresponsiveError(settings: UnresponsiveSettings, silentMs: number): Error {
  return Object.assign(
    new Error(
      `${settings.server} sent nothing for ${formatDuration(silentMs)} while a statement waited, and a new ` +
        `connection to it got no answer within ${formatDuration(settings.probeMs)}`,
    ),
    { code: UNRESPONSIVE_CODE },
  );
}

/**
 * Watches one session: while a statement waits and nothing arrives (nor is left unread: a slow
 * reader is not a silent server), it asks `probe` whether a new session to the same server answers
 * within `probeMs`. A server that answers is busy with a long statement: the wait goes on. One
 * that does not is gone (a partition, a dead host behind a proxy that holds the connection
 * open): the session's socket is destroyed, so the statement fails at once instead of after the
 * operating system's keepalive gives up (about 11 minutes on Linux), or never behind a proxy.
 *
 * @example
 * ```ts
 * pool.on('connect', (client) =>
 *   watchUnresponsive({ socket: client.connection.stream, busy: () => client._activeQuery != null }, settings, probe),
 * );
 * ```
 * @internal
 */
export function watchUnresponsive(
  session: WatchedSession,
  settings: UnresponsiveSettings,
  probe: (budgetMs: number) => Promise<boolean>,
): void {
  const { socket } = session;
  if (settings.timeoutMs <= 0 || socket.destroyed) return;
  let seen = socket.bytesRead;
  let quietSince = Date.now();
  let probing = false;
  // Unread bytes in the socket mean the reader is behind, not that the server went quiet.
  const waiting = () => session.busy() && socket.readableLength === 0 && socket.bytesRead === seen;
  const tick = () => {
    if (probing || socket.destroyed) return;
    const now = Date.now();
    if (!waiting()) {
      seen = socket.bytesRead;
      quietSince = now;
      return;
    }
    if (now - quietSince < settings.timeoutMs - settings.probeMs) return;
    probing = true;
    probe(settings.probeMs)
      .catch(() => true)
      .then((answered) => {
        probing = false;
        if (answered || !waiting() || socket.destroyed) {
          seen = socket.bytesRead;
          quietSince = Date.now();
          return;
        }
        socket.destroy(unresponsiveError(settings, Date.now() - quietSince));
      });
  };
  const timer = setInterval(tick, Math.min(1000, Math.max(50, settings.timeoutMs / 8)));
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}
