import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import { MIGRATIONS } from './migrations.js';
import { splitSqlStatements } from './split-sql-statements.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from './store-schema.js';

/**
 * The advisory lock every writer of the run store's schema takes (a constant, as graphile-worker
 * does, so two processes never create the same schema or table at once).
 *
 * @example
 * ```ts
 * await tx.query('select pg_advisory_xact_lock($1)', [STORE_LOCK]);
 * ```
 */
export const STORE_LOCK = '7239046217841001';

/**
 * What {@link migrateStore} did: the version before and after, and each migration it applied.
 *
 * @example
 * ```ts
 * const { from, to, applied } = await migrateStore(warehouse); // { from: 0, to: 1, applied: [{ version: 1, name: 'run-store' }] }
 * ```
 */
export interface StoreMigrationResult {
  from: number;
  to: number;
  applied: { version: number; name: string }[];
}

/**
 * The version the migrations of this Datakit bring a store to.
 *
 * @example
 * ```ts
 * const current = (await storeVersion(warehouse)) === LATEST_STORE_VERSION;
 * ```
 */
export const LATEST_STORE_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * Brings the run store (schema `datakit` unless `store` says otherwise) to the latest version: in
 * ONE transaction, under an advisory lock, applies every migration not yet recorded in its
 * `migrations` table, in order. Concurrent callers wait for each other; the second finds nothing
 * to do. `datakit deploy` runs it; `transfer()` runs it only when the store is behind.
 *
 * @example
 * ```ts
 * await migrateStore(await connect('postgres://etl@warehouse/dw'));
 * ```
 */
export async function migrateStore(
  conn: Connection,
  store: StoreSchema = DEFAULT_STORE_SCHEMA,
): Promise<StoreMigrationResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(conn, store);
    } catch (error) {
      // A session that looked the schema up before another one created it may still have that
      // miss cached after the lock (an advisory lock does not refresh the catalog caches): a new
      // transaction does.
      if (attempt >= 3 || !createdConcurrently(error)) throw error;
    }
  }
}

function createdConcurrently(error: unknown): boolean {
  const code = error instanceof DatakitError ? error.context.driverCode : undefined;
  return code === '23505' || code === '42P06' || code === '42P07';
}

async function migrateOnce(conn: Connection, store: StoreSchema): Promise<StoreMigrationResult> {
  return conn.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1::bigint)', [STORE_LOCK]);
    await tx.query(`create schema if not exists ${store.schema}`);
    await tx.query(`create table if not exists ${store.migrations} (
      "version" integer primary key, "name" text not null, "applied_at" timestamptz not null default now())`);
    const { rows } = await tx.query<{ version: number }>(`select "version" from ${store.migrations}`);
    const done = new Set(rows.map((r) => Number(r.version)));
    const from = Math.max(0, ...done);
    if (done.size === 0) await refuseUnversionedStore(tx, store);
    if (from > LATEST_STORE_VERSION) throw newerStore(from, store);
    const applied: StoreMigrationResult['applied'] = [];
    for (const migration of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      for (const statement of splitSqlStatements(migration.sql(store))) {
        try {
          await tx.query(statement);
        } catch (cause) {
          throw new DatakitError(
            'DEPLOY',
            `Run store migration ${migration.version} (${migration.name}) failed: ${(cause as Error).message}`,
            {
              hint: 'Nothing was applied; fix the cause and run datakit deploy again.',
              context: { ...(cause instanceof DatakitError ? cause.context : {}), sql: statement },
              cause,
            },
          );
        }
      }
      await tx.query(`insert into ${store.migrations} ("version", "name") values ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push({ version: migration.version, name: migration.name });
    }
    return { from, to: Math.max(from, LATEST_STORE_VERSION), applied };
  });
}

async function refuseUnversionedStore(tx: Connection, store: StoreSchema): Promise<void> {
  const { rows } = await tx.query<{ found: boolean }>('select to_regclass($1) is not null as found', [
    store.loads,
  ]);
  if (rows[0]?.found) {
    throw new DatakitError(
      'DEPLOY',
      `The schema "${store.name}" holds a run store from before versioned migrations`,
      {
        hint: `Rename or drop the schema "${store.name}" (it holds only load history, rejects and cursors), then run datakit deploy.`,
        context: { schema: store.name },
      },
    );
  }
}

/**
 * The error for a store migrated by a newer Datakit.
 *
 * @example
 * ```ts
 * if (version > LATEST_STORE_VERSION) throw newerStore(version, store);
 * ```
 * @internal
 */
export function newerStore(version: number, store: StoreSchema): DatakitError {
  return new DatakitError(
    'DEPLOY',
    `The run store is at version ${version}, newer than this Datakit knows (${LATEST_STORE_VERSION})`,
    { hint: 'Upgrade datakit to the version that migrated this warehouse.', context: { schema: store.name } },
  );
}
