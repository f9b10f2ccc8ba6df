import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { WarehouseConfig } from '../../src/config/define-config.js';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import type { PipelineConfig, TaskConfig } from '../../src/orchestration/pipeline-config.js';
import { lineageColumns } from '../../src/transfer/lineage-columns.js';
import { migrateStore } from '../../src/store/migrate-store.js';
import { createTestDatabase } from '../support/servers.js';

export const crmCustomer = pgTable('crm_customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
});
export const rawA = pgTable('raw_a', { id: integer().primaryKey() });
export const rawB = pgTable('raw_b', { id: integer().primaryKey() });
export const customer = pgTable('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
  ...lineageColumns(),
});
export const mart = pgTable('mart', { id: integer().primaryKey() });
export const report = pgTable('report', { id: integer().primaryKey() });

export const crm = defineDatakit({ name: 'crm', version: '1.2.0', tables: { customer: crmCustomer } });
export const bronze = defineDatakit({ name: 'bronze', version: '1.0.0', layer: 'bronze', tables: { rawA, rawB, customer } });
export const gold = defineDatakit({ name: 'gold', version: '2.0.0', layer: 'gold', tables: { mart, report } });

/**
 * A warehouse of three layers' worth of tables with one pipeline `p` of the given tasks.
 */
export function warehouseWith(tasks: readonly TaskConfig[], settings: Omit<PipelineConfig, 'tasks'> = {}): WarehouseConfig {
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

/** Resolves after `ms`, or rejects when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
