import type { Connection } from '../dialect/connection.js';
import { advisoryXactLock } from '../dialect/postgres/postgres-advisory-lock.js';

/**
 * How long a deploy waits for another deploy of the same warehouse by default: 5 minutes.
 *
 * @example
 * ```ts
 * await deployWarehouse({ warehouse, connection, apply: true, lockTimeout: DEFAULT_DEPLOY_LOCK_TIMEOUT });
 * ```
 */
export const DEFAULT_DEPLOY_LOCK_TIMEOUT = 300_000;

/**
 * Runs `fn` (a deploy's plan and apply) in one transaction holding the warehouse's deploy lock,
 * so two deploys never plan against the same state: the second waits (at most `timeoutMs`, then
 * fails naming the holder) and plans against what the first committed. Databases without
 * transactional DDL (MySQL) run `fn` as is.
 *
 * @example
 * ```ts
 * const result = await withDeployLock(connection, { timeoutMs: 60_000 }, (conn) => planAndApply(conn));
 * ```
 */
export async function withDeployLock<T>(
  connection: Connection,
  options: { timeoutMs?: number },
  fn: (conn: Connection) => Promise<T>,
): Promise<T> {
  const adapter = connection.dialect.adapter;
  if (!adapter.supportsWarehouse || !adapter.supportsTransactionalDdl) return fn(connection);
  return connection.transaction(async (tx) => {
    await advisoryXactLock(tx, {
      scope: 'datakit.deploy',
      key: 'warehouse',
      timeoutMs: options.timeoutMs ?? DEFAULT_DEPLOY_LOCK_TIMEOUT,
      code: 'DEPLOY',
      what: 'another deploy of this warehouse',
      option: 'lockTimeout',
    });
    return fn(tx);
  });
}
