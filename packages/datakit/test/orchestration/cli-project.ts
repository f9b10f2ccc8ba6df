import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load-config.js';
import { deployWarehouse } from '../../src/deploy/deploy-warehouse.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { migrateStore } from '../../src/store/migrate-store.js';
import { createTestDatabase, type TestDatabase } from '../support/servers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, '../../src');

/** A project folder with a datakit.config.ts, a deployed warehouse and a seeded source system. */
export interface CliProject {
  dir: string;
  /** Environment variables the config reads (set them on process.env or a child process). */
  env: Record<string, string>;
  source: Connection;
  warehouse: Connection;
  close(): Promise<void>;
}

const CONFIG = `
import { defineConfig } from '${src}/config/define-config.ts';
import { crm, crmCustomer, bronze, customer, gold, mart, pacedCustomer, sleep } from '${here}/tables.ts';

export default defineConfig({
  warehouses: {
    main: {
      layers: { bronze: { datakits: [bronze] }, gold: { datakits: [gold] } },
      sources: { crm },
      environments: { dev: { url: '\${env:ORCH_WAREHOUSE_URL}', sources: { crm: '\${env:ORCH_CRM_URL}' } } },
      transfers: { customer: { from: 'crm', source: crmCustomer, target: customer, transform: pacedCustomer, disposition: 'merge' } },
      pipelines: {
        nightly: {
          schedule: '0 2 * * *',
          concurrency: 2,
          tasks: [
            { transfer: 'customer' },
            {
              name: 'count',
              reads: [customer],
              writes: [mart],
              run: async (ctx) => {
                const { rows } = await ctx.connections.warehouse.query<{ n: number }>('select count(*)::int as n from bronze.customer');
                ctx.logger.info(\`counted \${rows[0]?.n} customers\`);
                if (process.env.ORCH_FAIL_COUNT === '1') throw new Error('count failed on purpose');
              },
            },
            { name: 'hold', run: async (ctx) => sleep(Number(process.env.ORCH_HOLD_MS ?? 0), ctx.signal) },
          ],
        },
        timeboxed: { tasks: [{ transfer: 'customer', timeoutMs: 1500 }] },
      },
    },
  },
});
`;

/**
 * Creates the project on PostgreSQL (two throwaway databases) or PGlite (two directories),
 * deploys bronze and gold, and loads `rows` customers into the source.
 */
export async function createCliProject(kind: 'postgres' | 'pglite', rows: number): Promise<CliProject> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dk-orch-cli-'));
  writeFileSync(path.join(dir, 'datakit.config.ts'), CONFIG);
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const dbs: TestDatabase[] = [];
  const urlFor = async (name: string) => {
    if (kind === 'pglite') return `pglite://${path.join(dir, name)}`;
    const db = await createTestDatabase('postgres', `orch_${name}`);
    dbs.push(db);
    return db.url;
  };
  const env = { ORCH_WAREHOUSE_URL: await urlFor('warehouse'), ORCH_CRM_URL: await urlFor('crm') };
  Object.assign(process.env, env);
  const source = await connect(env.ORCH_CRM_URL);
  const warehouse = await connect(env.ORCH_WAREHOUSE_URL);
  await source.query(
    'create table crm_customer (customer_id integer primary key, full_name text not null, updated_at timestamptz not null)',
  );
  await source.query(
    `insert into crm_customer select i, 'Customer ' || i, timestamptz '2024-01-01' + i * interval '1 minute' from generate_series(1, ${rows}) i`,
  );
  const { config } = await loadConfig({ cwd: dir });
  const main = config.warehouses.main;
  if (!main) throw new Error('fixture config has no warehouse "main"');
  const deployed = await deployWarehouse({ warehouse: main, connection: warehouse, apply: true });
  if (deployed.status === 'refused') throw new Error('fixture deploy refused');
  await migrateStore(warehouse);
  return {
    dir,
    env,
    source,
    warehouse,
    close: async () => {
      await source.close();
      await warehouse.close();
      await Promise.all(dbs.map((db) => db.drop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
