import { connect } from '../../dialect/connect.js';
import type { Connection } from '../../dialect/connection.js';
import { migrateStore } from '../../store/migrate-store.js';

/**
 * Opens the run store (the warehouse database) and brings its `datakit` schema up to date,
 * under the migrations' lock, so a first `datakit run` on a fresh warehouse works.
 *
 * @example
 * ```ts
 * const store = await openRunStore(target.warehouseUrl());
 * try { await listRuns(store); } finally { await store.close(); }
 * ```
 */
export async function openRunStore(url: string): Promise<Connection> {
  const store = await connect(url);
  try {
    await migrateStore(store);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}
