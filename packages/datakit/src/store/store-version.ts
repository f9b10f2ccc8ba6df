import type { Connection } from '../dialect/connection.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from './store-schema.js';

/**
 * The run store's version in this database: 0 when it has none yet. Reads only, so a role
 * without the right to create schemas can call it.
 *
 * @example
 * ```ts
 * if ((await storeVersion(warehouse)) < LATEST_STORE_VERSION) await migrateStore(warehouse);
 * ```
 */
export async function storeVersion(
  conn: Connection,
  store: StoreSchema = DEFAULT_STORE_SCHEMA,
): Promise<number> {
  const { rows } = await conn.query<{ found: boolean }>('select to_regclass($1) is not null as found', [
    store.migrations,
  ]);
  if (!rows[0]?.found) return 0;
  const max = await conn.query<{ version: number | null }>(
    `select max("version") as "version" from ${store.migrations}`,
  );
  return Number(max.rows[0]?.version ?? 0);
}
