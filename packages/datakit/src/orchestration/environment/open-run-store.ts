import { connect } from '../../dialect/connect.js';
import type { Connection } from '../../dialect/connection.js';
import { ensureStoreCurrent } from '../../store/ensure-store-current.js';
import { DEFAULT_STORE_SCHEMA } from '../../store/store-schema.js';

/**
 * Opens the run store (the warehouse database) and checks that its schema (`datakit`) is current:
 * `datakit deploy` creates and migrates it, so a command that only runs refuses a store that is
 * missing or behind, saying so.
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
    await ensureStoreCurrent(store, { migrate: false }, DEFAULT_STORE_SCHEMA);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}
