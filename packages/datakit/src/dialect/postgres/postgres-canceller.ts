import type { SessionCanceller } from '../session-canceller.js';

/**
 * Tags sessions with `application_name`, and cancels their statements (`pg_cancel_backend`) or
 * ends them (`pg_terminate_backend`) from a separate short-lived session.
 *
 * @example
 * ```ts
 * await postgresCanceller.cancel('postgres://etl@db/dw', 'dk-task-1a2b');
 * ```
 */
export const postgresCanceller: SessionCanceller = {
  tag(url, tag) {
    const tagged = new URL(url);
    tagged.searchParams.set('application_name', tag);
    return tagged.toString();
  },
  cancel: (url, tag) => signalSessions(url, tag, 'pg_cancel_backend', `and state = 'active'`),
  terminate: (url, tag) => signalSessions(url, tag, 'pg_terminate_backend', ''),
};

async function signalSessions(
  url: string,
  tag: string,
  fn: 'pg_cancel_backend' | 'pg_terminate_backend',
  only: string,
): Promise<number> {
  const { default: pg } = await import('pg');
  const plain = new URL(url);
  plain.searchParams.delete('application_name');
  const client = new pg.Client({ connectionString: plain.toString(), connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*) filter (where ${fn}(pid))::int as n
           from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid() ${only}`,
      [tag],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end().catch(() => {});
  }
}
