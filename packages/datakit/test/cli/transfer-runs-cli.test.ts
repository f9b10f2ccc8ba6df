import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { runCli } from './run-cli.js';

const fixtures = path.resolve(import.meta.dirname, 'fixtures');
const cli = (...args: string[]) =>
  runCli([...args, '--config', 'foreign-keys.config.ts', '--env', 'test'], fixtures);

describe('datakit transfer runs as a pipeline run [pglite]', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dk-transfer-runs-'));
    process.env.DK_FK_WAREHOUSE_URL = `pglite://${dir}/warehouse`;
    process.env.DK_FK_CRM_URL = `pglite://${dir}/crm`;
    const crm = await connect(process.env.DK_FK_CRM_URL);
    await crm.query('create table customer (id integer primary key, name text not null)');
    await crm.query('create table orders (id integer primary key, customer_id integer not null)');
    await crm.query(`insert into customer values (1, 'Ada'), (2, 'Bob')`);
    await crm.query('insert into orders values (10, 1), (11, 2), (12, 2)');
    await crm.close();
    expect((await cli('deploy')).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the parent before the child its foreign key references, though declared after it', async () => {
    const { code, stdout, stderr } = await cli('transfer', 'orders', 'customer');
    expect(stderr).not.toContain('error');
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((l) => /^(customer|orders) /.test(l));
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(['customer', 'orders']);
    expect(stdout).toMatch(/orders\s+crm\.orders → silver\.orders\s+append\s+3\s+3\s+0\s+0\s/);
  });

  it('datakit runs lists the transfer run, its trigger and tasks, also as JSON', async () => {
    const text = await cli('runs');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/1\s+\(transfer\)\s+test\s+\S+\s+transfer\s+succeeded\s.*2 succeeded/);
    const json = await cli('runs', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      runs: [
        {
          run: {
            id: '1',
            warehouse: 'shop',
            pipeline: '(transfer)',
            environment: 'test',
            trigger: 'transfer',
            state: 'succeeded',
          },
          tasks: { succeeded: 2 },
        },
      ],
    });
    const detail = await cli('runs', '1', '--json');
    expect(
      JSON.parse(detail.stdout).tasks.map((t: { task: string; state: string }) => [t.task, t.state]),
    ).toEqual([
      ['customer', 'succeeded'],
      ['orders', 'succeeded'],
    ]);
  });
});
