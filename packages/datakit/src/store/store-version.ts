import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import { LATEST_STORE_VERSION, migrateStore, newerStore } from './migrate-store.js';

/**
 * The run store's version in this database: 0 when it has none yet. Reads only, so a role
 * without the right to create schemas can call it.
 *
 * @example
 * ```ts
 * if ((await storeVersion(warehouse)) < LATEST_STORE_VERSION) await migrateStore(warehouse);
 * ```
 */
export async function storeVersion(conn: Connection): Promise<number> {
  const { rows } = await conn.query<{ found: boolean }>(
    `select to_regclass('"datakit"."migrations"') is not null as found`,
  );
  if (!rows[0]?.found) return 0;
  const max = await conn.query<{ version: number | null }>(
    'select max("version") as "version" from "datakit"."migrations"',
  );
  return Number(max.rows[0]?.version ?? 0);
}

/**
 * Makes sure the run store is current before a load. A current store costs two catalog reads.
 * Behind: with `migrate` (the default of the `transfer()` API, so a script on a fresh warehouse
 * just works) it runs {@link migrateStore} under its lock; without (the CLI, where `datakit
 * deploy` owns schema changes) it fails with "run datakit deploy". Newer than this Datakit: fails.
 *
 * @example
 * ```ts
 * await ensureStoreCurrent(warehouse, { migrate: false }); // throws: run `datakit deploy`
 * ```
 * @internal
 */
export async function ensureStoreCurrent(conn: Connection, options: { migrate: boolean }): Promise<void> {
  const version = await storeVersion(conn);
  if (version === LATEST_STORE_VERSION) return;
  if (version > LATEST_STORE_VERSION) throw newerStore(version);
  if (options.migrate) {
    await migrateStore(conn);
    return;
  }
  throw new DatakitError(
    'TRANSFER',
    version === 0
      ? `The warehouse ${conn.target} has no run store (schema "datakit")`
      : `The run store of ${conn.target} is at version ${version}; this Datakit needs ${LATEST_STORE_VERSION}`,
    {
      hint: 'Run datakit deploy for this environment: it creates and migrates the run store.',
      context: { schema: 'datakit' },
    },
  );
}
