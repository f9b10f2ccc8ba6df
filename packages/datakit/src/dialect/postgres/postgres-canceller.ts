import pg from 'pg';
import type { SessionCanceller } from '../session-canceller.js';

/**
 * Tags sessions with `application_name` and cancels their statements with `pg_cancel_backend`
 * from a separate short-lived session.
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
  async cancel(url, tag) {
    const plain = new URL(url);
    plain.searchParams.delete('application_name');
    const client = new pg.Client({ connectionString: plain.toString(), connectionTimeoutMillis: 10_000 });
    client.on('error', () => {});
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        `select count(*) filter (where pg_cancel_backend(pid))::int as n
           from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid() and state = 'active'`,
        [tag],
      );
      return rows[0]?.n ?? 0;
    } finally {
      await client.end().catch(() => {});
    }
  },
};
