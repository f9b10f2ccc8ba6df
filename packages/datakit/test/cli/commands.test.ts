import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { createSource } from '../transfer/fixtures.js';
import { runCli } from './run-cli.js';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const fixtures = path.resolve(import.meta.dirname, 'fixtures');
const tmp = mkdtempSync(path.join(tmpdir(), 'dk-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function shopModule(version: string, columns: string): string {
  return [
    "import { defineDatakit } from 'datakit-warehouse';",
    "import { integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';",
    `export const customer = pgTable('customer', { ${columns} });`,
    `export const shop = defineDatakit({ name: 'shop', version: '${version}', tables: { customer } });`,
    '',
  ].join('\n');
}

describe('datakit breaking (CLI)', () => {
  const dir = path.join(tmp, 'breaking');
  beforeAll(() => {
    mkdirSync(path.join(dir, 'released'), { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const v1 = 'customer_id: integer().primaryKey(), email: varchar({ length: 255 }).notNull(), note: text()';
    writeFileSync(path.join(dir, 'released/shop.ts'), shopModule('1.0.0', v1));
    writeFileSync(
      path.join(dir, 'dropped.ts'),
      shopModule('1.0.1', 'customer_id: integer().primaryKey(), note: text()'),
    );
    writeFileSync(
      path.join(dir, 'major.ts'),
      shopModule('2.0.0', 'customer_id: integer().primaryKey(), note: text()'),
    );
  });

  it('exit 1 when a change needs a bigger bump than the version got, naming the column', async () => {
    const { code, stdout } = await runCli(['breaking', 'dropped.ts', '--against', 'released/shop.ts'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('email');
    expect(stdout).toMatch(/major/);
  });

  it('exit 0 with --json when the bump covers the change', async () => {
    const { code, stdout } = await runCli(
      ['breaking', 'major.ts', '--against', 'released/shop.ts', '--json'],
      dir,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, sufficient: true });
  });

  it('a missing module is an error with exit code 1 or 2, never a stack trace', async () => {
    const { code, stderr } = await runCli(['breaking', 'nope.ts', '--against', 'released/shop.ts'], dir);
    expect(code).toBeGreaterThan(0);
    expect(stderr).toMatch(/^error: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

await describeServer('postgres', 'datakit drift and introspect (CLI)', () => {
  let sourceDb: TestDatabase;
  let warehouseDb: TestDatabase;
  let source: Connection;
  const cli = (...args: string[]) =>
    runCli([...args, '--config', 'transfer.config.ts', '--env', 'test'], fixtures);

  beforeAll(async () => {
    sourceDb = await createTestDatabase('postgres', 'cli2_src');
    warehouseDb = await createTestDatabase('postgres', 'cli2_dw');
    source = await connect(sourceDb.url);
    await createSource(source);
    process.env.DK_CLI_CRM_URL = sourceDb.url;
    process.env.DK_CLI_WAREHOUSE_URL = warehouseDb.url;
  });
  afterAll(async () => {
    await source?.close();
    await sourceDb?.drop();
    await warehouseDb?.drop();
  });

  it('drift: exit 1 before deploy (the bronze table is missing), exit 0 after', async () => {
    const before = await cli('drift');
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('missing from the database');
    expect((await cli('deploy')).code).toBe(0);
    const after = await cli('drift', '--json');
    expect(after.code).toBe(0);
    const body = JSON.parse(after.stdout);
    expect(body).toMatchObject({ ok: true, warehouse: 'shop', env: 'test' });
    expect(
      body.tables.map((t: { system: string; role: string; outcome: string }) => [t.role, t.outcome]),
    ).toEqual([
      ['source', 'ok'],
      ['target', 'ok'],
    ]);
  });

  it('drift: a dropped source column is breaking, exit 1, named with its fix', async () => {
    await source.query('alter table crm.customer drop column score');
    const { code, stdout } = await cli('drift');
    expect(code).toBe(1);
    expect(stdout).toContain('"score"');
    expect(stdout).toMatch(/FAIL/);
    const json = await cli('drift', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).tables[0]).toMatchObject({ role: 'source', outcome: 'fail' });
  });

  it('introspect: writes a datakit for the live tables (exit 0), --json lists them', async () => {
    const out = path.join(tmp, 'introspected', 'crm');
    const { code, stdout } = await runCli(['introspect', sourceDb.url, '--schema', 'crm', '--out', out], tmp);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Wrote .*with 1 table\(s\): customer/);
    expect(existsSync(path.join(out, 'index.ts'))).toBe(true);
    expect(readFileSync(path.join(out, 'index.ts'), 'utf8')).toContain('defineDatakit');
    const json = await runCli(['introspect', sourceDb.url, '--schema', 'crm', '--out', out, '--json'], tmp);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, tables: ['customer'] });
  });

  it('introspect: an unreachable server is a connection error (exit 1) without the password', async () => {
    const { code, stderr } = await runCli(
      ['introspect', 'postgres://dk:hunter2@127.0.0.1:1/nowhere', '--out', path.join(tmp, 'x')],
      tmp,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: /);
    expect(stderr).not.toContain('hunter2');
  });
});
