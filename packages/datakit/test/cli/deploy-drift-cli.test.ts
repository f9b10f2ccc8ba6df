import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { runCli } from './run-cli.js';
import { createTempProject, type TempProject } from './temp-project.js';

/** A config whose bronze customer has `extra` columns; the source is the same table in `public`. */
function config(urls: { warehouse: string; source: string }, extra = '', options = ''): string {
  return `import { defineConfig, defineDatakit, transactional } from 'datakit-warehouse';
import { integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';

const source = pgTable('customer', {
  id: integer().primaryKey(),
  email: varchar({ length: 100 }).notNull(),
  name: text(),
});
const customer = pgTable('customer', {
  id: integer().primaryKey(),
  email: varchar({ length: 100 }).notNull(),
  name: text(),${extra}
});
const price = pgTable('price', { id: integer().primaryKey(), amount: integer().notNull(), ...transactional() });
const shop = defineDatakit({ name: 'shop', version: '1.0.0', tables: { customer: source } });
const bronze = defineDatakit({ name: 'shop-bronze', version: '1.0.0', layer: 'bronze', tables: { customer${options ? ', price' : ''} }${options} });

export default defineConfig({
  warehouses: {
    main: {
      layers: { bronze: { datakits: [bronze] } },
      sources: { shop },
      environments: { dev: { url: '${urls.warehouse}', sources: { shop: '${urls.source}' } } },
    },
  },
});
`;
}

interface DeployJson {
  ok: boolean;
  warehouse: string;
  env: string;
  status: string;
  plan: {
    steps: { action: string; target: string; destructive: boolean; reason: string; statements: string[] }[];
    destructive: { target: string }[];
    changes: unknown[];
    notes: string[];
  };
}

interface DriftJson {
  ok: boolean;
  warehouse: string;
  env: string;
  tables: {
    system: string;
    role: string;
    outcome: string;
    report: {
      changes: {
        kind: string;
        column?: string;
        severity: string;
        classification: { severity: string };
        fix?: string;
      }[];
    };
  }[];
}

await describeServer('postgres', 'datakit deploy and drift (CLI)', () => {
  let project: TempProject;
  let warehouseDb: TestDatabase;
  let sourceDb: TestDatabase;
  let warehouse: Connection;
  let source: Connection;
  const cli = (...args: string[]) => runCli(args, project.dir);
  const bronzeTables = async () =>
    (
      await warehouse.query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = 'bronze' order by 1",
      )
    ).rows.map((r) => r.name);

  beforeAll(async () => {
    [warehouseDb, sourceDb] = await Promise.all([
      createTestDatabase('postgres', 'cli_wh'),
      createTestDatabase('postgres', 'cli_src'),
    ]);
    [warehouse, source] = await Promise.all([connect(warehouseDb.url), connect(sourceDb.url)]);
    await source.query(
      'create table customer (id integer primary key, email varchar(100) not null, name text)',
    );
    project = createTempProject('dk-cli-deploy-');
    const urls = { warehouse: warehouseDb.url, source: sourceDb.url };
    project.write('datakit.config.ts', config(urls));
    project.write('tier.config.ts', config(urls, '\n  tier: integer().notNull(),'));
    project.write(
      'history.config.ts',
      config(urls, '', ", options: { tables: { price: { writeDisposition: 'history' } } }"),
    );
  });
  afterAll(async () => {
    await Promise.allSettled([warehouse?.close(), source?.close()]);
    await Promise.allSettled([warehouseDb?.drop(), sourceDb?.drop()]);
    project?.remove();
  });

  it('deploy --plan prints the statements, changes nothing and exits 0', async () => {
    const { code, stdout } = await cli('deploy', '--plan');
    expect(code).toBe(0);
    expect(stdout).toContain('+ create-schema bronze');
    expect(stdout).toContain('CREATE TABLE IF NOT EXISTS "bronze"."customer"');
    expect(stdout).toContain('Plan only: nothing was changed.');
    expect(await bronzeTables()).toEqual([]);
  });

  it('deploy applies the plan, and a second run says "No changes"', async () => {
    const first = await cli('deploy');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/2 change\(s\): 2 additive, 0 destructive\. Applied in (\d+ ms|[\d.]+ s)\./);
    expect(await bronzeTables()).toEqual(['customer']);
    const second = await cli('deploy');
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toContain('No changes: the warehouse matches its contracts.');
  });

  it('deploy --json prints one JSON document with the status and the plan', async () => {
    const { code, stdout } = await cli('deploy', '--json');
    expect(code).toBe(0);
    const body = JSON.parse(stdout) as DeployJson;
    expect(body).toMatchObject({ ok: true, warehouse: 'main', env: 'dev', status: 'unchanged' });
    expect(body.plan).toEqual({ steps: [], destructive: [], changes: [], notes: [] });
  });

  it('refuses a destructive change with exit 1, the column and the fix, and changes nothing', async () => {
    const { code, stdout } = await cli('deploy', '--config', 'tier.config.ts');
    expect(code).toBe(1);
    expect(stdout).toContain('! add-column bronze.customer.tier: a NOT NULL column without a default');
    expect(stdout).toContain('REFUSED: nothing was changed');
    expect(stdout).toContain('--allow-destructive');
    const json = await cli('deploy', '--config', 'tier.config.ts', '--json');
    expect(json.code).toBe(1);
    const body = JSON.parse(json.stdout) as DeployJson;
    expect(body).toMatchObject({ ok: false, status: 'refused' });
    expect(body.plan.destructive.map((s) => s.target)).toEqual(['bronze.customer.tier']);
    const { rows } = await warehouse.query<{ n: number }>(
      "select count(*)::int as n from information_schema.columns where table_schema = 'bronze' and column_name = 'tier'",
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('refuses a history table without systime in its key with exit 1, naming the table and the fix', async () => {
    const { code, stderr } = await cli('deploy', '--config', 'history.config.ts');
    expect(code).toBe(1);
    expect(stderr).toContain('"bronze"."price" has primary key (id) without "systime"');
    expect(stderr).toContain('primaryKey({ columns: [t.id, t.systime] })');
    expect(await bronzeTables()).toEqual(['customer']);
  });

  it('drift exits 0 when sources and targets match their contracts', async () => {
    const { code, stdout } = await cli('drift');
    expect(code).toBe(0);
    expect(stdout).toContain('drift main/dev: 2 table(s)');
    expect(stdout).toContain('Drift check passed for 2 tables.');
  });

  it('drift exits 1 on a source column that became nullable, naming the column and the fix', async () => {
    await source.query('alter table customer alter column email drop not null');
    const { code, stdout } = await cli('drift');
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL shop source "customer"');
    expect(stdout).toContain(
      'Column "customer"."email": nullability changed. The contract says not null; the database has null',
    );
    expect(stdout).toContain('fix: make the column nullable in the contract');
    expect(stdout).toContain('Drift check failed: 1 of 2 tables would stop a run.');
  });

  it('drift --json gives every table with its outcome and classified changes', async () => {
    const { code, stdout } = await cli('drift', '--json');
    expect(code).toBe(1);
    const body = JSON.parse(stdout) as DriftJson;
    expect(body).toMatchObject({ ok: false, warehouse: 'main', env: 'dev' });
    expect(body.tables.map((t) => [t.system, t.role, t.outcome])).toEqual([
      ['shop', 'source', 'fail'],
      ['bronze:shop-bronze', 'target', 'ok'],
    ]);
    expect(body.tables[0]?.report.changes).toEqual([
      expect.objectContaining({
        kind: 'nullability-changed',
        column: 'email',
        severity: 'breaking',
        classification: expect.objectContaining({ severity: 'breaking', blocksRun: true }),
        fix: expect.stringContaining('quarantine'),
      }),
    ]);
    await source.query('alter table customer alter column email set not null');
  });
});
