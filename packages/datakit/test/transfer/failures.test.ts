import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { ensureStoreCurrent } from '../../src/store/ensure-store-current.js';
import { recordLoadStart } from '../../src/store/loads/record-load-start.js';
import { DEFAULT_STORE_SCHEMA } from '../../src/store/store-schema.js';
import { lockLoadTarget } from '../../src/transfer/lock-load-target.js';
import { transfer } from '../../src/transfer/transfer.js';
import { jsonLine, runScript } from '../support/child-process.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { bronzeRows, createBronze, createSource, expectedRows, toBronze } from './fixtures.js';
import type { ChildSpec } from './transfer-child.js';

const ROWS = 200_000;
const CHILD = fileURLToPath(new URL('./transfer-child.ts', import.meta.url));
const ADMIN = 'dk_test_admin';

interface ErrorBody {
  code?: string;
  message: string;
  hint?: string;
  context?: Record<string, unknown>;
  datakit: boolean;
}

function withAppName(url: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', ADMIN);
  return u.toString();
}

await describeServer('postgres', 'transfer failures end cleanly', () => {
  let sourceDb: TestDatabase;
  let warehouseDb: TestDatabase;
  let source: Connection;
  let warehouse: Connection;

  /** Sessions on `db` other than this test's own: a transfer must leave none behind. */
  async function otherSessions(db: TestDatabase): Promise<number> {
    let n = -1;
    for (let i = 0; i < 50 && n !== 0; i++) {
      const { rows } = await warehouse.query<{ n: string }>(
        `select count(*) as n from pg_stat_activity where datname = $1 and application_name <> $2`,
        [db.name, ADMIN],
      );
      n = Number(rows[0]?.n);
      if (n !== 0) await new Promise((r) => setTimeout(r, 100));
    }
    return n;
  }

  /** Waits until `n` sessions of the warehouse other than the test's own wait for a lock. */
  async function waitForLockWaiters(n: number): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const { rows } = await warehouse.query<{ n: string }>(
        `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
           and application_name <> $1`,
        [ADMIN],
      );
      if (Number(rows[0]?.n) >= n) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`fewer than ${n} sessions ever waited for a lock`);
  }

  async function loads(): Promise<{ status: string; error: string | null; rows_loaded: string | null }[]> {
    const { rows } = await warehouse.query<{
      status: string;
      error: string | null;
      rows_loaded: string | null;
    }>('select status, error, rows_loaded::text from datakit.loads order by started_at');
    return rows;
  }

  const spec = (extra: Partial<ChildSpec> = {}): string =>
    JSON.stringify({ from: sourceDb.url, to: warehouseDb.url, ...extra } satisfies ChildSpec);

  beforeAll(async () => {
    sourceDb = await createTestDatabase('postgres', 'fail_src');
    warehouseDb = await createTestDatabase('postgres', 'fail_dw');
    source = await connect(withAppName(sourceDb.url));
    warehouse = await connect(withAppName(warehouseDb.url));
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

  it('a duplicate key in the COPY of a large append exits 1 with the table and cause, and records the load failed', async () => {
    await warehouse.query(
      `insert into bronze.customer values (200000, 'X', null, null, true, now(), gen_random_uuid(), now(), 's', 't')`,
    );
    const { code, stdout, stderr, timedOut } = await runScript(CHILD, [spec({ disposition: 'append' })])
      .outcome;
    expect({ code, timedOut, stderr }).toMatchObject({ code: 1, timedOut: false });
    const error = jsonLine<ErrorBody>(stdout, 'ERROR');
    expect(error?.datakit).toBe(true);
    expect(error?.message).toContain('bronze.customer');
    expect(error?.message).toContain('duplicate key');
    expect(error?.message).toContain('200000');
    expect(await warehouse.query('select 1 from bronze.customer')).toMatchObject({ rowCount: 1 });
    const [load] = await loads();
    expect(load?.status).toBe('failed');
    expect(load?.error).toContain('duplicate key');
    expect(await otherSessions(sourceDb)).toBe(0);
    expect(await otherSessions(warehouseDb)).toBe(0);
  }, 90_000);

  it('maxRejects exceeded mid-stream rejects the promise, rolls back both sides and releases every connection', async () => {
    await source.query(
      `update crm.customer set full_name = 'BOOM' where customer_id between 150001 and 150020`,
    );
    try {
      const error = await transfer({
        from: sourceDb.url,
        to: warehouseDb.url,
        transform: toBronze,
        disposition: 'append',
        maxRejects: 5,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatakitError);
      expect((error as DatakitError).message).toMatch(/Too many rejected rows: 6 \(maxRejects 5\)/);
      expect((error as DatakitError).message).toContain('bronze.customer');
    } finally {
      await source.query(
        `update crm.customer set full_name = 'Customer ' || customer_id where full_name = 'BOOM'`,
      );
    }
    expect(await bronzeRows(warehouse)).toEqual([]);
    const [load] = await loads();
    expect(load?.status).toBe('failed');
    expect(load?.error).toContain('Too many rejected rows');
    expect(await otherSessions(sourceDb)).toBe(0);
    expect(await otherSessions(warehouseDb)).toBe(0);
  }, 90_000);

  it('the loser of two concurrent appends exits 1 with the cause; the target holds the winner rows exactly once', async () => {
    const a = runScript(CHILD, [spec({ disposition: 'append' })]);
    const b = runScript(CHILD, [spec({ disposition: 'append' })]);
    const outcomes = await Promise.all([a.outcome, b.outcome]);
    expect(outcomes.map((o) => o.timedOut)).toEqual([false, false]);
    expect(outcomes.map((o) => o.code).sort()).toEqual([0, 1]);
    const loser = outcomes.find((o) => o.code === 1);
    const error = jsonLine<ErrorBody>(loser?.stdout ?? '', 'ERROR');
    expect(error?.message).toContain('bronze.customer');
    expect(error?.message).toContain('duplicate key');
    expect(await bronzeRows(warehouse)).toEqual(await expectedRows(source));
    expect((await loads()).map((l) => l.status).sort()).toEqual(['failed', 'succeeded']);
  }, 120_000);

  it('two concurrent incremental runs both succeed: the second loads nothing new', async () => {
    const a = runScript(CHILD, [spec({ disposition: 'append', cursor: 'updated_at' })]);
    const b = runScript(CHILD, [spec({ disposition: 'append', cursor: 'updated_at' })]);
    const outcomes = await Promise.all([a.outcome, b.outcome]);
    expect(outcomes.map((o) => ({ code: o.code, timedOut: o.timedOut }))).toEqual([
      { code: 0, timedOut: false },
      { code: 0, timedOut: false },
    ]);
    const loaded = outcomes.map(
      (o) => jsonLine<{ rows: { loaded: number } }>(o.stdout, 'RESULT')?.rows.loaded,
    );
    expect(loaded.sort()).toEqual([0, ROWS]);
    expect(await bronzeRows(warehouse)).toEqual(await expectedRows(source));
  }, 120_000);

  it('a load waits at most lockTimeout for another load of its target, then fails naming the holder', async () => {
    await ensureStoreCurrent(warehouse, { migrate: true }, DEFAULT_STORE_SCHEMA);
    const holder = randomUUID();
    await recordLoadStart(
      warehouse,
      {
        loadId: holder,
        warehouse: 'default',
        environment: 'default',
        transfer: 'other->bronze.customer',
        sourceSystem: 'other',
        sourceTable: 'customer',
        targetTable: 'bronze.customer',
        disposition: 'append',
        startedAt: new Date(Date.now() - 1000),
        logicalTime: new Date(),
        leaseMs: 500,
      },
      DEFAULT_STORE_SCHEMA,
    );
    await warehouse.transaction(async (tx) => {
      await lockLoadTarget(tx, { loadId: holder, target: 'bronze.customer' }, DEFAULT_STORE_SCHEMA);
      const started = Date.now();
      const error = await transfer({
        from: sourceDb.url,
        to: warehouseDb.url,
        transform: toBronze,
        lockTimeout: 1000,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(error).toBeInstanceOf(DatakitError);
      const message = (error as DatakitError).message;
      expect(message).toContain('the load of bronze.customer');
      expect(message).toContain(`load ${holder} ("other->bronze.customer"`);
      expect(message).toMatch(/pid \d+/);
      expect((error as DatakitError).hint).toContain('lockTimeout');
    });
    // The holder is gone: the lock with its session, and its lease, so the next load runs.
    await transfer({ from: source, to: warehouse, transform: toBronze });
    const { rows } = await warehouse.query<{ status: string }>(
      'select status from datakit.loads where load_id = $1',
      [holder],
    );
    expect(rows[0]?.status).toBe('abandoned');
    expect(await bronzeRows(warehouse)).toEqual(await expectedRows(source));
  }, 60_000);

  describe('two concurrent merges', () => {
    for (const trial of [1, 2, 3]) {
      it(`both succeed, no deadlock reaches the user (trial ${trial})`, async () => {
        await source.query(
          `update crm.customer set score = coalesce(score, 0) + 1 where customer_id % 3 = ${trial % 3}`,
        );
        const merge = () => runScript(CHILD, [spec({ disposition: 'merge', partitions: 4 })]);
        // Hold the target until both runs wait for a lock, so their merge statements start at
        // the same instant (each stage in its own order) unless something serialises them.
        const children = await warehouse.transaction(async (tx) => {
          await tx.query('lock table bronze.customer in share mode');
          const both = [merge(), merge()];
          await waitForLockWaiters(2);
          return both;
        });
        const outcomes = await Promise.all(children.map((c) => c.outcome));
        for (const o of outcomes) {
          expect(o.stdout).not.toContain('deadlock');
          expect({ code: o.code, timedOut: o.timedOut, error: jsonLine(o.stdout, 'ERROR') }).toEqual({
            code: 0,
            timedOut: false,
            error: undefined,
          });
        }
        expect(await bronzeRows(warehouse)).toEqual(await expectedRows(source));
      }, 120_000);
    }
  });
});
