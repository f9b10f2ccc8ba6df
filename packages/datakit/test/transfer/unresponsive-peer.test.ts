import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { type FreezingProxy, startFreezingProxy } from '../dialect/freezing-proxy.js';
import { type ChildOutcome, jsonLine, runScript } from '../support/child-process.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { bronzeRows, createBronze, createSource } from './fixtures.js';
import { createMysqlCustomers } from './mysql-customer.js';
import type { ChildSpec } from './transfer-child.js';

const ROWS = 250_000;
const CHILD = fileURLToPath(new URL('./transfer-child.ts', import.meta.url));
// The proxy goes silent once this much has crossed it: mid-transfer, at any speed.
const FREEZE_AFTER_BYTES = 1_000_000;

interface ErrorBody {
  code?: string;
  message: string;
  hint?: string;
  cause?: string;
  context?: Record<string, unknown>;
}

/** Rows already in the target, which a failed replace must leave exactly as they were. */
async function seedTarget(warehouse: Connection): Promise<string[]> {
  await createBronze(warehouse);
  await warehouse.query(`insert into bronze.customer
    select i, 'Kept ' || i, null, null, true, now(), gen_random_uuid(), now(), 'before', 'customer'
    from generate_series(10000001, 10000003) i`);
  return bronzeRows(warehouse);
}

/** Runs a transfer whose source or warehouse goes through `proxy`, which freezes mid-transfer. */
async function transferThroughFrozen(
  proxy: FreezingProxy,
  side: 'source' | 'warehouse',
  urls: { from: string; to: string },
  transform: ChildSpec['transform'],
): Promise<{ outcome: ChildOutcome; afterFreezeMs: number }> {
  proxy.freezeAfter(FREEZE_AFTER_BYTES, side === 'source' ? 'to-clients' : 'to-server');
  const silent = (url: string) => proxy.url(url, { unresponsive_timeout: '3' });
  const spec: ChildSpec = {
    from: side === 'source' ? silent(urls.from) : urls.from,
    to: side === 'warehouse' ? silent(urls.to) : urls.to,
    disposition: 'replace',
    ...(transform ? { transform } : {}),
  };
  const outcome = await runScript(CHILD, [JSON.stringify(spec)], { timeoutMs: 90_000 }).outcome;
  const ended = performance.now();
  expect(proxy.frozenAt).toBeDefined();
  return { outcome, afterFreezeMs: ended - (proxy.frozenAt ?? ended) };
}

function expectUnresponsiveError(
  outcome: ChildOutcome,
  proxy: FreezingProxy,
  database: string,
  side: 'source' | 'warehouse',
): void {
  expect(outcome.timedOut).toBe(false);
  expect(outcome.stderr).not.toContain("Unhandled 'error' event");
  expect(outcome.code).toBe(1);
  const error = jsonLine<ErrorBody>(outcome.stdout, 'ERROR');
  expect(error?.code).toBe('CONNECTION');
  expect(error?.message).toContain(`the ${side}`);
  expect(error?.message).toContain(`127.0.0.1:${proxy.port}/${database}`);
  expect(error?.message).toMatch(/sent nothing for [\d.]+ s while a statement waited/);
  expect(error?.message).toContain('bronze.customer');
  expect(error?.hint).toMatch(/stopped answering/);
  expect(error?.hint).toMatch(/run it again/);
  expect(error?.hint).toMatch(/unresponsive_timeout/);
  expect(error?.context).toMatchObject({ host: '127.0.0.1', port: proxy.port });
}

await describeServer('postgres', 'a source that stops answering mid-transfer (PostgreSQL)', () => {
  let sourceDb: TestDatabase;
  let warehouseDb: TestDatabase;
  let warehouse: Connection;
  let proxy: FreezingProxy;
  beforeAll(async () => {
    sourceDb = await createTestDatabase('postgres', 'silent_src');
    warehouseDb = await createTestDatabase('postgres', 'silent_dw');
    const source = await connect(sourceDb.url);
    try {
      await createSource(source);
      await source.query(`insert into crm.customer select i, 'Customer ' || i, 'c' || i || '@x.org', i / 100.0, i % 2 = 0,
        timestamptz '2024-01-01' + i * interval '1 second' from generate_series(1, ${ROWS}) i`);
    } finally {
      await source.close();
    }
    warehouse = await connect(warehouseDb.url);
  }, 60_000);
  beforeEach(async () => {
    proxy = await startFreezingProxy(sourceDb.url);
  });
  afterEach(async () => {
    await proxy.close();
  });
  afterAll(async () => {
    await warehouse?.close();
    await sourceDb?.drop();
    await warehouseDb?.drop();
  });

  it('fails soon after unresponsive_timeout with a CONNECTION error naming the source, and leaves the target as it was', async () => {
    const before = await seedTarget(warehouse);
    const urls = { from: sourceDb.url, to: warehouseDb.url };
    const { outcome, afterFreezeMs } = await transferThroughFrozen(proxy, 'source', urls, 'bronze');
    expectUnresponsiveError(outcome, proxy, sourceDb.name, 'source');
    // Far below the ~11 minutes of TCP keepalive (and a proxy answers keepalive: never).
    expect(afterFreezeMs).toBeLessThan(30_000);
    expect(await bronzeRows(warehouse)).toEqual(before);
    const { rows } = await warehouse.query<{ status: string }>('select status from datakit.loads');
    expect(rows).toEqual([{ status: 'failed' }]);
  }, 120_000);

  it('a warehouse that stops answering mid-COPY fails the same way; the server rolls the load back once the link goes', async () => {
    const before = await seedTarget(warehouse);
    const warehouseProxy = await startFreezingProxy(warehouseDb.url);
    try {
      const urls = { from: sourceDb.url, to: warehouseDb.url };
      const { outcome, afterFreezeMs } = await transferThroughFrozen(
        warehouseProxy,
        'warehouse',
        urls,
        'bronze',
      );
      expectUnresponsiveError(outcome, warehouseProxy, warehouseDb.name, 'warehouse');
      expect(afterFreezeMs).toBeLessThan(30_000);
    } finally {
      // The server still holds the load's open transaction: ending the link ends it.
      await warehouseProxy.close();
    }
    expect(await bronzeRows(warehouse)).toEqual(before);
    // Not recorded failed on a server that stopped answering: its lease runs out instead.
    const { rows } = await warehouse.query<{ status: string }>('select status from datakit.loads');
    expect(rows).toEqual([{ status: 'running' }]);
  }, 120_000);
});

await describeServer('mysql', 'a source that stops answering mid-transfer (MariaDB)', () => {
  let sourceDb: TestDatabase;
  let warehouseDb: TestDatabase;
  let warehouse: Connection;
  let proxy: FreezingProxy;
  beforeAll(async () => {
    sourceDb = await createTestDatabase('mysql', 'silent_my');
    warehouseDb = await createTestDatabase('postgres', 'silent_my_dw');
    const source = await connect(sourceDb.url);
    try {
      await createMysqlCustomers(source, ROWS);
    } finally {
      await source.close();
    }
    warehouse = await connect(warehouseDb.url);
  }, 60_000);
  beforeEach(async () => {
    proxy = await startFreezingProxy(sourceDb.url);
  });
  afterEach(async () => {
    await proxy.close();
  });
  afterAll(async () => {
    await warehouse?.close();
    await sourceDb?.drop();
    await warehouseDb?.drop();
  });

  it('fails soon after unresponsive_timeout with a CONNECTION error naming the source, and leaves the target as it was', async () => {
    const before = await seedTarget(warehouse);
    const urls = { from: sourceDb.url, to: warehouseDb.url };
    const { outcome, afterFreezeMs } = await transferThroughFrozen(proxy, 'source', urls, 'mysql');
    expectUnresponsiveError(outcome, proxy, sourceDb.name, 'source');
    expect(afterFreezeMs).toBeLessThan(30_000);
    expect(await bronzeRows(warehouse)).toEqual(before);
    const { rows } = await warehouse.query<{ status: string }>('select status from datakit.loads');
    expect(rows).toEqual([{ status: 'failed' }]);
  }, 120_000);
});
