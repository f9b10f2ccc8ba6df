import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WarehouseConfig } from '../../src/config/define-config.js';
import type { PipelineConfig, TaskConfig } from '../../src/config/pipeline-config.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { migrateStore } from '../../src/store/migrate-store.js';
import { createTestDatabase } from '../support/servers.js';
import { bronze, crm, crmCustomer, customer, gold } from './tables.js';

export * from './tables.js';

/**
 * A warehouse of three layers' worth of tables with one pipeline `p` of the given tasks.
 */
export function warehouseWith(
  tasks: readonly TaskConfig[],
  settings: Omit<PipelineConfig, 'tasks'> = {},
): WarehouseConfig {
  return {
    layers: { bronze: { datakits: [bronze] }, silver: { datakits: [bronze] }, gold: { datakits: [gold] } },
    sources: { crm },
    environments: { dev: { url: 'pglite://memory', sources: { crm: 'pglite://memory' } } },
    transfers: { customer: { from: 'crm', source: crmCustomer, target: customer } },
    pipelines: { p: { ...settings, tasks } },
  };
}

/** A migrated run store: a fresh PostgreSQL database or a PGlite directory, by URL. */
export interface StoreFixture {
  kind: 'postgres' | 'pglite';
  url: string;
  store: Connection;
  close(): Promise<void>;
}

/**
 * Opens a fresh, migrated run store of the kind.
 */
export async function openStore(kind: 'postgres' | 'pglite', prefix: string): Promise<StoreFixture> {
  if (kind === 'postgres') {
    const db = await createTestDatabase('postgres', prefix);
    const store = await connect(db.url);
    await migrateStore(store);
    return {
      kind,
      url: db.url,
      store,
      close: async () => {
        await store.close();
        await db.drop();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), `dk-${prefix}-`));
  const url = `pglite://${dir}`;
  const store = await connect(url);
  await migrateStore(store);
  return {
    kind,
    url,
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
