import pg from 'pg';
import type { ConnectionUrl } from '../parse-connection-url.js';
import { serverAnswers } from '../server-answers.js';

/** The part of a pg client below its public API that ending a stuck connect needs: its socket. */
interface ClientSocket {
  connection: { stream: { destroy(): void } };
}

/**
 * Whether a new session to `url`'s server answers `select 1` within `budgetMs` (see
 * {@link serverAnswers}); named `datakit-probe`, so a canceller of tagged sessions never hits it.
 *
 * @example
 * ```ts
 * const alive = await postgresProbe(parseConnectionUrl('postgres://etl@db/dw'))(5000);
 * ```
 * @internal
 */
export function postgresProbe(url: ConnectionUrl): (budgetMs: number) => Promise<boolean> {
  const plain = new URL(url.url);
  plain.searchParams.delete('application_name');
  return async (budgetMs) => {
    const client = new pg.Client({
      connectionString: plain.toString(),
      application_name: 'datakit-probe',
      connectionTimeoutMillis: Math.max(1, budgetMs),
      query_timeout: Math.max(1, budgetMs),
    });
    client.on('error', () => {});
    try {
      return await serverAnswers(
        client.connect().then(() => client.query('select 1')),
        budgetMs,
        (error) => typeof (error as { severity?: unknown }).severity === 'string',
      );
    } finally {
      (client as unknown as ClientSocket).connection.stream.destroy();
    }
  };
}
