import type { Socket } from 'node:net';
import type { ConnectionUrl } from '../parse-connection-url.js';

/**
 * The URL parameter that tags a pool's sessions for {@link mysqlCanceller}.
 *
 * @example
 * ```ts
 * const url = `mysql://etl@crm/crm?${MYSQL_TAG_PARAM}=dk-7`;
 * ```
 * @internal
 */
export const MYSQL_TAG_PARAM = 'datakit_tag';

/**
 * What the registry needs of a mysql2 connection: its server thread id and its socket.
 *
 * @example
 * ```ts
 * const session: TaggableSession = conn as unknown as TaggableSession; // a mysql2 callback connection
 * ```
 * @internal
 */
export interface TaggableSession {
  readonly threadId: number | null;
  readonly stream: Pick<Socket, 'destroyed' | 'once'>;
}

// MariaDB has no per-session label that another session can read (connection attributes need
// performance_schema, which it leaves off): the sessions a tag owns are remembered here, by server.
const sessions = new Map<string, Set<TaggableSession>>();

function key(url: ConnectionUrl, tag: string): string {
  return `${url.host ?? ''}:${url.port ?? ''}\n${tag}`;
}

/**
 * The tag a MySQL URL carries (`?datakit_tag=`), if any.
 *
 * @example
 * ```ts
 * mysqlSessionTag(parseConnectionUrl('mysql://etl@crm/crm?datakit_tag=dk-7')); // 'dk-7'
 * ```
 * @internal
 */
export function mysqlSessionTag(url: ConnectionUrl): string | undefined {
  return new URL(url.url).searchParams.get(MYSQL_TAG_PARAM) ?? undefined;
}

/**
 * Remembers that `session`, opened on `url`'s server, carries `tag`, until its socket closes.
 *
 * @example
 * ```ts
 * pool.on('connection', (c) => trackMysqlSession(url, 'dk-7', c));
 * ```
 * @internal
 */
export function trackMysqlSession(url: ConnectionUrl, tag: string, session: TaggableSession): void {
  const k = key(url, tag);
  const group = sessions.get(k) ?? new Set<TaggableSession>();
  sessions.set(k, group);
  group.add(session);
  session.stream.once('close', () => {
    group.delete(session);
    if (group.size === 0 && sessions.get(k) === group) sessions.delete(k);
  });
}

/**
 * The server thread ids (`CONNECTION_ID()`) of the open sessions tagged `tag` on `url`'s server.
 *
 * @example
 * ```ts
 * for (const id of taggedMysqlThreads(url, 'dk-7')) await admin.query('KILL QUERY ?', [id]);
 * ```
 * @internal
 */
export function taggedMysqlThreads(url: ConnectionUrl, tag: string): number[] {
  const ids: number[] = [];
  for (const session of sessions.get(key(url, tag)) ?? []) {
    if (!session.stream.destroyed && Number.isSafeInteger(session.threadId))
      ids.push(session.threadId as number);
  }
  return ids;
}
