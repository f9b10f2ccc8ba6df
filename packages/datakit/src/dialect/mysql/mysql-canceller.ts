import { parseConnectionUrl } from '../parse-connection-url.js';
import type { SessionCanceller } from '../session-canceller.js';
import { mysqlConnectionConfig } from './mysql-pool-config.js';
import { MYSQL_TAG_PARAM, taggedMysqlThreads } from './mysql-sessions.js';

/**
 * Tags sessions with `?datakit_tag=` and interrupts their statements (`KILL QUERY`) or ends them
 * (`KILL CONNECTION`) from a separate short-lived session. The tagged sessions are known to the
 * process that opened them (MariaDB has no label another session could read), so only that
 * process can cancel them; each thread id is checked against `PROCESSLIST` before it is killed.
 *
 * @example
 * ```ts
 * const conn = await connect(mysqlCanceller.tag('mysql://etl@crm/crm', 'dk-task-1a2b'));
 * void conn.query('select sleep(60)');
 * await mysqlCanceller.cancel('mysql://etl@crm/crm', 'dk-task-1a2b'); // 1
 * ```
 */
export const mysqlCanceller: SessionCanceller = {
  tag(url, tag) {
    const tagged = new URL(url);
    tagged.searchParams.set(MYSQL_TAG_PARAM, tag);
    return tagged.toString();
  },
  cancel: (url, tag) => kill(url, tag, 'QUERY'),
  terminate: (url, tag) => kill(url, tag, 'CONNECTION'),
};

async function kill(url: string, tag: string, what: 'QUERY' | 'CONNECTION'): Promise<number> {
  const parsed = parseConnectionUrl(url);
  const ids = taggedMysqlThreads(parsed, tag);
  if (ids.length === 0) return 0;
  // Imported here: a command that never cancels (or never connects) does not load the driver.
  const { default: mysql } = await import('mysql2/promise');
  const admin = await mysql.createConnection({ ...mysqlConnectionConfig(parsed), connectTimeout: 10_000 });
  admin.on('error', () => {});
  try {
    // Only statements still running: KILL QUERY must not reach a session that went idle meanwhile.
    const [rows] = await admin.query(
      `select ID as id from information_schema.PROCESSLIST
        where ID in (?) and ID <> connection_id()${what === 'QUERY' ? ` and COMMAND = 'Query'` : ''}`,
      [ids],
    );
    let killed = 0;
    for (const { id } of rows as { id: number | string }[]) {
      try {
        await admin.query(`KILL ${what} ?`, [Number(id)]);
        killed++;
      } catch (err) {
        // ER_NO_SUCH_THREAD: it ended between the look-up and the KILL.
        if ((err as { errno?: unknown }).errno !== 1094) throw err;
      }
    }
    return killed;
  } finally {
    await admin.end().catch(() => admin.destroy());
  }
}
