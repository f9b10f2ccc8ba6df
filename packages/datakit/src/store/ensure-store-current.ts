import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import { LATEST_STORE_VERSION, migrateStore, newerStore } from './migrate-store.js';
import type { StoreSchema } from './store-schema.js';
import { storeVersion } from './store-version.js';

/**
 * Makes sure the run store is current before a load. A current store costs two catalog reads.
 * Behind: with `migrate` (the default of the `transfer()` API, so a script on a fresh warehouse
 * just works) it runs {@link migrateStore} under its lock; without (the CLI, where `datakit
 * deploy` owns schema changes) it fails with "run datakit deploy". Newer than this Datakit: fails.
 *
 * @example
 * ```ts
 * await ensureStoreCurrent(warehouse, { migrate: false }, DEFAULT_STORE_SCHEMA); // throws: run `datakit deploy`
 * ```
 * @internal
 */
export async function ensureStoreCurrent(
  conn: Connection,
  options: { migrate: boolean },
  store: StoreSchema,
): Promise<void> {
  const version = await storeVersion(conn, store);
  if (version === LATEST_STORE_VERSION) return;
  if (version > LATEST_STORE_VERSION) throw newerStore(version, store);
  if (options.migrate) {
    await migrateStore(conn, store);
    return;
  }
  throw new DatakitError(
    'TRANSFER',
    version === 0
      ? `The warehouse ${conn.target} has no run store (schema "${store.name}")`
      : `The run store of ${conn.target} is at version ${version}; this Datakit needs ${LATEST_STORE_VERSION}`,
    {
      hint: 'Run datakit deploy for this environment: it creates and migrates the run store.',
      context: { schema: store.name },
    },
  );
}
