import type { Connection } from '../dialect/connection.js';
import { advisoryXactLock } from '../dialect/postgres/postgres-advisory-lock.js';
import { findLoad } from '../store/loads/find-load.js';
import type { StoreSchema } from '../store/store-schema.js';

/**
 * How long a load waits for another load of the same target by default: 5 minutes.
 *
 * @example
 * ```ts
 * await transfer({ ...options, lockTimeout: DEFAULT_LOAD_LOCK_TIMEOUT * 2 });
 * ```
 */
export const DEFAULT_LOAD_LOCK_TIMEOUT = 300_000;

const APP_PREFIX = 'datakit load ';

/**
 * The load being locked. @internal
 *
 * @example
 * ```ts
 * const load: LoadLock = { loadId, target: 'bronze.customer', timeoutMs: 300_000 };
 * ```
 */
export interface LoadLock {
  loadId: string;
  /** The target table as recorded in the store's `loads.target_table`. */
  target: string;
  timeoutMs?: number;
}

/**
 * Serialises the loads of one target table: called first inside the load's transaction, it names
 * the session after the load (`application_name = 'datakit load <id>'`), takes the target's
 * advisory lock (waiting at most `timeoutMs`, then failing with the holder's load id, pid and
 * client). The lock ends with the transaction (or with the session of a killed process), so the
 * cursor read after it, and the data written, are the holder's alone.
 *
 * @example
 * ```ts
 * await warehouse.transaction(async (tx) => {
 *   await lockLoadTarget(tx, { loadId, target: 'bronze.customer' }, store);
 *   const last = await readCursor(tx, key, 'updated_at', store);
 * });
 * ```
 * @internal
 */
export async function lockLoadTarget(tx: Connection, load: LoadLock, store: StoreSchema): Promise<void> {
  await tx.query(`select set_config('application_name', $1, true)`, [`${APP_PREFIX}${load.loadId}`]);
  await advisoryXactLock(tx, {
    scope: 'datakit.load',
    key: load.target,
    timeoutMs: load.timeoutMs ?? DEFAULT_LOAD_LOCK_TIMEOUT,
    code: 'TRANSFER',
    what: `the load of ${load.target}`,
    option: 'lockTimeout',
    describeHolder: async (holder) => {
      if (!holder.applicationName.startsWith(APP_PREFIX)) return undefined;
      const id = holder.applicationName.slice(APP_PREFIX.length);
      const held = await findLoad(tx, id, store);
      return held ? `load ${id} ("${held.transfer}", started ${held.startedAt.toISOString()})` : `load ${id}`;
    },
  });
}
