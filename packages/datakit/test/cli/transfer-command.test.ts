import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { createSource, insertSource, seedRows } from '../transfer/fixtures.js';
import { runCli } from './run-cli.js';

const fixtures = path.resolve(import.meta.dirname, 'fixtures');
const transferCli = (...args: string[]) =>
  runCli(['transfer', ...args, '--config', 'transfer.config.ts', '--env', 'test'], fixtures);

describe('datakit transfer: config errors (exit 2)', () => {
  it('misspelt transfer options name each key and the nearest valid one', async () => {
    const { code, stderr } = await runCli(
      ['transfer', '--config', 'typo-options.config.ts', '--env', 'test'],
      fixtures,
    );
    expect(code).toBe(2);
    expect(stderr).toContain(
      'unknown key "warehouses.shop.transfers.customer.options.cursr" — did you mean "cursor"?',
    );
    expect(stderr).toContain(
      '"warehouses.shop.transfers.customer.options.maxRejcts" — did you mean "maxRejects"?',
    );
  });

  it('a MySQL warehouse is refused as a warehouse, before any drift check', async () => {
    process.env.DK_CLI_WAREHOUSE_URL = 'mysql://root@127.0.0.1:3306/nowhere';
    process.env.DK_CLI_CRM_URL = 'pglite://memory';
    const { code, stderr } = await transferCli('customer');
    expect(code).toBe(2);
    expect(stderr).toContain('The warehouse must be PostgreSQL or PGlite');
    expect(stderr).not.toMatch(/drift|missing from the database/i);
  });
});

await describeServer('postgres', 'datakit transfer and deploy (CLI)', () => {
  let sourceDb: TestDatabase;
  let warehouseDb: TestDatabase;
  let source: Connection;
  const seed = async (rows: number, boom: (id: number) => boolean) => {
    await createSource(source);
    await insertSource(source, seedRows(rows));
    const ids = seedRows(rows)
      .map((r) => r.id)
      .filter(boom);
    if (ids.length > 0)
      await source.query(`update crm.customer set full_name = 'BOOM' where customer_id = any($1::int[])`, [
        ids,
      ]);
  };

  beforeAll(async () => {
    sourceDb = await createTestDatabase('postgres', 'cli_src');
    warehouseDb = await createTestDatabase('postgres', 'cli_dw');
    source = await connect(sourceDb.url);
    process.env.DK_CLI_CRM_URL = sourceDb.url;
  });
  beforeEach(() => {
    process.env.DK_CLI_WAREHOUSE_URL = warehouseDb.url;
  });
  afterAll(async () => {
    await source?.close();
    await sourceDb?.drop();
    await warehouseDb?.drop();
  });

  it('before deploy, a transfer fails (exit 1) and says to deploy', async () => {
    await seed(10, () => false);
    const { code, stderr } = await transferCli('customer');
    expect(code).toBe(1);
    expect(stderr).toContain('datakit deploy');
  });

  it('deploy creates the layer tables and the run store (exit 0), then reports no changes', async () => {
    const first = await runCli(['deploy', '--config', 'transfer.config.ts', '--env', 'test'], fixtures);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'run store: migrated from version 0 to 5 (run-store, orchestration, quality-results, checks-and-lineage, transfer-runs)',
    );
    expect(first.stdout).toMatch(/Applied in (\d+ ms|[\d.]+ s)/);
    const again = await runCli(
      ['deploy', '--config', 'transfer.config.ts', '--env', 'test', '--json'],
      fixtures,
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, status: 'unchanged', store: { applied: [] } });
  });

  it('rejected rows within the limit: exit 0, a warning on stderr, the summary on stdout', async () => {
    await seed(250, (id) => id === 3 || id === 9);
    const { code, stdout, stderr } = await transferCli('customer');
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /warning: customer: 2 of 250 rows rejected \(within maxRejects\); see them with: datakit rejects --load [0-9a-f-]{36}\n/,
    );
    expect(stdout).toMatch(/customer\s+crm\.customer → bronze\.customer\s+replace\s+250\s+248\s+2\s+0\s/);
  });

  it('--json: one document with each transfer, its counts and first rejects', async () => {
    const { code, stdout } = await transferCli('--json');
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body).toMatchObject({
      ok: true,
      warehouse: 'shop',
      env: 'test',
      transfers: [
        {
          name: 'customer',
          status: 'succeeded',
          source: 'crm.customer',
          target: 'bronze.customer',
          disposition: 'replace',
          rows: { read: 250, loaded: 248, rejected: 2, dropped: 0 },
          drift: { source: 'ok', target: 'ok', applied: [] },
          warnings: [],
        },
      ],
      totals: { read: 250, loaded: 248, rejected: 2, dropped: 0 },
    });
    expect(body.transfers[0].rejects[0]).toMatchObject({
      stage: 'transform',
      rule: 'transform',
      rowNumber: expect.any(Number),
    });
    expect(body.transfers[0].loadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.transfers[0].rowsPerSecond).toBeGreaterThan(0);
  });

  it('every row rejected (25 of 25): exit 1, the counts on stderr, the target unchanged', async () => {
    const warehouse = await connect(warehouseDb.url);
    try {
      const before = await warehouse.query('select count(*)::int as n from bronze.customer');
      await seed(25, () => true);
      const { code, stderr } = await transferCli('customer');
      expect(code).toBe(1);
      expect(stderr).toContain('Too many rejected rows: 25 of 25 read (default maxRejects: 1% of rows read)');
      expect(stderr).toContain('the target is unchanged');
      expect(stderr).toMatch(
        /the first ones are stored: datakit rejects --load [0-9a-f-]{36}\), or raise maxRejects/,
      );
      expect((await warehouse.query('select count(*)::int as n from bronze.customer')).rows).toEqual(
        before.rows,
      );
      const json = await transferCli('customer', '--json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        transfers: [
          {
            name: 'customer',
            status: 'failed',
            error: { code: 'TRANSFER', message: expect.stringContaining('25 of 25') },
          },
        ],
      });
    } finally {
      await warehouse.close();
    }
  });

  it('rejects past the default limit (10 of 250, 4%): exit 1 with the counts', async () => {
    await seed(250, (id) => id % 25 === 0);
    const { code, stderr } = await transferCli('customer');
    expect(code).toBe(1);
    expect(stderr).toContain('Too many rejected rows: 10 of 250 read');
  });

  it('an unknown transfer name is a usage error (exit 2) with the nearest name', async () => {
    const { code, stderr } = await transferCli('custmer');
    expect(code).toBe(2);
    expect(stderr).toContain('Did you mean "customer"?');
  });
});
