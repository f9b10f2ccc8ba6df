import mysql from 'mysql2';
import type { ConnectionUrl } from '../parse-connection-url.js';
import { serverAnswers } from '../server-answers.js';
import { mysqlConnectionConfig } from './mysql-pool-config.js';

/**
 * Whether a new session to `url`'s server answers `select 1` within `budgetMs` (see
 * {@link serverAnswers}).
 *
 * @example
 * ```ts
 * const alive = await mysqlProbe(parseConnectionUrl('mysql://root@crm/crm'))(5000);
 * ```
 * @internal
 */
export function mysqlProbe(url: ConnectionUrl): (budgetMs: number) => Promise<boolean> {
  const config = mysqlConnectionConfig(url);
  return async (budgetMs) => {
    const conn = mysql.createConnection({ ...config, connectTimeout: Math.max(1, budgetMs) });
    conn.on('error', () => {});
    try {
      return await serverAnswers(
        new Promise<void>((resolve, reject) =>
          conn.query({ sql: 'select 1', timeout: Math.max(1, budgetMs) }, (err) =>
            err ? reject(err) : resolve(),
          ),
        ),
        budgetMs,
        (error) => typeof (error as { sqlState?: unknown }).sqlState === 'string',
      );
    } finally {
      conn.destroy();
    }
  };
}
