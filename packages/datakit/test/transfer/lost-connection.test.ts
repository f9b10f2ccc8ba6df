import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { type ChildOutcome, jsonLine, runScript } from '../support/child-process.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { createBronze, createSource } from './fixtures.js';
import { createMysqlCustomers } from './mysql-customer.js';
import type { ChildSpec } from './transfer-child.js';

const ROWS = 250_000;
const CHILD = fileURLToPath(new URL('./transfer-child.ts', import.meta.url));
const SECRET = 'pw-s3cr3t-xyz';

interface ErrorBody {
  code?: string;
  message: string;
  hint?: string;
  context?: Record<string, unknown>;
}

/** The URL with a password (trust auth ignores it; it must never be printed). */
function withPassword(url: string): string {
  const u = new URL(url);
  u.password = SECRET;
  return u.toString();
}

function expectConnectionError(outcome: ChildOutcome, side: string): ErrorBody {
  expect(outcome.timedOut).toBe(false);
  expect(outcome.stderr).not.toContain("Unhandled 'error' event");
  expect(outcome.code).toBe(1);
  expect(`${outcome.stdout}${outcome.stderr}`).not.toContain(SECRET);
  const error = jsonLine<ErrorBody>(outcome.stdout, 'ERROR');
  expect(error?.code).toBe('CONNECTION');
  expect(error?.message).toContain('127.0.0.1');
  expect(error?.message).toContain(side);
  expect(error?.message).toContain('bronze.customer');
  expect(error?.hint).toMatch(/run .*again/i);
  expect(error?.context?.host).toBe('127.0.0.1');
  return error as ErrorBody;
}

async function loadStatuses(warehouse: Connection): Promise<{ status: string; error: string | null }[]> {
  const { rows } = await warehouse.query<{ status: string; error: string | null }>(
    'select status, error from datakit.loads order by started_at',
  );
  return rows;
}

/** Polls until `sql` returns a pid, then returns it. */
async function backendOf(conn: Connection, sql: string, params: unknown[]): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await conn.query<{ pid: string | number }>(sql, params);
    if (rows[0]) return String(rows[0].pid);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no backend found for ${sql}`);
}

await describeServer('postgres', 'lost connections mid-transfer (PostgreSQL)', () => {
  let sourceDb: TestDatabase;
  let warehouseDb: TestDatabase;
  let source: Connection;
  let warehouse: Connection;
  beforeAll(async () => {
    sourceDb = await createTestDatabase('postgres', 'lost_src');
    warehouseDb = await createTestDatabase('postgres', 'lost_dw');
    source = await connect(sourceDb.url);
    warehouse = await connect(warehouseDb.url);
    await createSource(source);
    await source.query(`insert into crm.customer select i, 'Customer ' || i, 'c' || i || '@x.org', i / 100.0, i % 2 = 0,
      timestamptz '2024-01-01' + i * interval '1 second' from generate_series(1, ${ROWS}) i`);
  }, 60_000);
  beforeEach(async () => {
    await createBronze(warehouse);
  });
  afterAll(async () => {
    await source?.close();
    await warehouse?.close();
    await sourceDb?.drop();
    await warehouseDb?.drop();
  });

  const spec = (): string =>
    JSON.stringify({
      from: withPassword(sourceDb.url),
      to: withPassword(warehouseDb.url),
      disposition: 'append',
      signalAt: 20_000,
    } satisfies ChildSpec);

  it('terminating the source backend mid-COPY ends the transfer with a CONNECTION error naming the source host', async () => {
    const child = runScript(CHILD, [spec()]);
    await child.line('loading');
    const pid = await backendOf(
      source,
      `select pid from pg_stat_activity where datname = $1 and query ilike 'copy (select%' and pid <> pg_backend_pid()`,
      [sourceDb.name],
    );
    await source.query('select pg_terminate_backend($1::int)', [pid]);
    const error = expectConnectionError(await child.outcome, 'source');
    expect(error.message).toContain(sourceDb.name);
    expect(await warehouse.query('select 1 from bronze.customer')).toMatchObject({ rowCount: 0 });
    const [load] = await loadStatuses(warehouse);
    expect(load?.status).toBe('failed');
    expect(load?.error).toContain('source');
  }, 90_000);

  it("terminating the target's COPY backend mid-load ends the transfer with a CONNECTION error naming the warehouse host", async () => {
    const child = runScript(CHILD, [spec()]);
    await child.line('loading');
    const pid = await backendOf(
      warehouse,
      `select pid from pg_stat_activity where datname = $1 and query ilike 'copy %from stdin%' and pid <> pg_backend_pid()`,
      [warehouseDb.name],
    );
    await warehouse.query('select pg_terminate_backend($1::int)', [pid]);
    const error = expectConnectionError(await child.outcome, 'warehouse');
    expect(error.message).toContain(warehouseDb.name);
    expect(await warehouse.query('select 1 from bronze.customer')).toMatchObject({ rowCount: 0 });
    const [load] = await loadStatuses(warehouse);
    expect(load?.status).toBe('failed');
  }, 90_000);
});

await describeServer('mysql', 'lost connections mid-transfer (MariaDB)', () => {
  let sourceDb: TestDatabase;
  let warehouseDb: TestDatabase;
  let source: Connection;
  let warehouse: Connection;
  beforeAll(async () => {
    sourceDb = await createTestDatabase('mysql', 'lost_my');
    warehouseDb = await createTestDatabase('postgres', 'lost_my_dw');
    source = await connect(sourceDb.url);
    warehouse = await connect(warehouseDb.url);
    await createMysqlCustomers(source, ROWS);
    await createBronze(warehouse);
  }, 60_000);
  afterAll(async () => {
    await source?.close();
    await warehouse?.close();
    await sourceDb?.drop();
    await warehouseDb?.drop();
  });

  it('killing the MariaDB connection that is reading ends the transfer (no hang) with a CONNECTION error', async () => {
    const child = runScript(
      CHILD,
      [
        JSON.stringify({
          from: withPassword(sourceDb.url).replace(`:${SECRET}@`, '@'),
          to: withPassword(warehouseDb.url),
          transform: 'mysql',
          disposition: 'append',
          signalAt: 20_000,
        } satisfies ChildSpec),
      ],
      { timeoutMs: 60_000 },
    );
    await child.line('loading');
    const id = await backendOf(
      source,
      `select id as pid from information_schema.processlist where db = ? and info like 'select %customer%' and id <> connection_id()`,
      [sourceDb.name],
    );
    await source.query(`kill ${Number(id)}`);
    const error = expectConnectionError(await child.outcome, 'source');
    expect(error.message).toContain(sourceDb.name);
    expect(await warehouse.query('select 1 from bronze.customer')).toMatchObject({ rowCount: 0 });
    const [load] = await loadStatuses(warehouse);
    expect(load?.status).toBe('failed');
  }, 90_000);
});
