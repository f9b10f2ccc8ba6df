import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { jsonLine, runScript } from '../support/child-process.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import {
  bronzeRows,
  createBronze,
  createSource,
  expectedRows,
  insertSource,
  seedRows,
  toBronze,
  toHistory,
} from './fixtures.js';
import type { ChildSpec } from './transfer-child.js';

const ROWS = 200_000;
const CHILD = fileURLToPath(new URL('./transfer-child.ts', import.meta.url));
const OPEN_HISTORY = `(select * from bronze.customer_history where upper(systime) = 'infinity') as h`;

await describeServer('postgres', 'transfer killed with SIGKILL', () => {
  let sourceDb: TestDatabase;
  let warehouseDb: TestDatabase;
  let source: Connection;
  let warehouse: Connection;
  beforeAll(async () => {
    sourceDb = await createTestDatabase('postgres', 'kill_src');
    warehouseDb = await createTestDatabase('postgres', 'kill_dw');
    source = await connect(sourceDb.url);
    warehouse = await connect(warehouseDb.url);
    await createSource(source);
    await source.query(`insert into crm.customer select i, 'Customer ' || i, 'c' || i || '@x.org', i / 100.0, i % 2 = 0,
      timestamptz '2024-01-01' + i * interval '1 second' from generate_series(1, ${ROWS}) i`);
  }, 60_000);
  afterAll(async () => {
    await source?.close();
    await warehouse?.close();
    await sourceDb?.drop();
    await warehouseDb?.drop();
  });

  /**
   * Runs the transfer in a child process and SIGKILLs it: once `signalAt` rows were read, or,
   * with `blocked`, once it waits for that table (held in SHARE mode here), i.e. in the middle of
   * the statement that merges or versions the stage into the target.
   */
  async function killMidLoad(spec: Omit<ChildSpec, 'from' | 'to'>, blocked?: string): Promise<void> {
    const run = async () => {
      // A short heartbeat, so the killed load's lease runs out quickly.
      const child = runScript(CHILD, [
        JSON.stringify({ from: sourceDb.url, to: warehouseDb.url, heartbeatMs: 200, ...spec }),
      ]);
      if (blocked) await waitForLockWait();
      else await child.line('loading');
      child.kill('SIGKILL');
      return child.outcome;
    };
    const outcome = blocked
      ? await warehouse.transaction(async (tx) => {
          await tx.query(`lock table ${blocked} in share mode`);
          return run();
        })
      : await run();
    expect(outcome.signal).toBe('SIGKILL');
    expect(jsonLine(outcome.stdout, 'RESULT')).toBeUndefined();
    // The server notices the dropped connection and rolls the load back.
    let running = 1;
    for (let i = 0; i < 100 && running > 0; i++) {
      const { rows } = await warehouse.query<{ n: string }>(
        `select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
      );
      running = Number(rows[0]?.n);
      if (running > 0) await new Promise((r) => setTimeout(r, 100));
    }
    // Once its lease (3 heartbeats) has run out, the next load marks it abandoned.
    const { rows: lease } = await warehouse.query<{ left: number }>(
      `select extract(epoch from lease_expires_at - now())::float8 as left from datakit.loads where status = 'running'`,
    );
    await new Promise((r) => setTimeout(r, Math.max(0, (lease[0]?.left ?? 0) * 1000) + 100));
  }

  /** Waits until a session of the warehouse waits for a lock on a table (the merge/history statement). */
  async function waitForLockWait(): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const { rows } = await warehouse.query(
        `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
           and wait_event = 'relation' and query not ilike 'lock table%'`,
      );
      if (rows.length > 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the load never reached the statement that writes the target');
  }

  async function statuses(): Promise<string[]> {
    const { rows } = await warehouse.query<{ status: string }>(
      'select status from datakit.loads order by started_at',
    );
    return rows.map((r) => r.status);
  }

  async function expectKilledLoadAbandoned(): Promise<void> {
    const { rows } = await warehouse.query<{ error: string }>(
      `select error from datakit.loads where status = 'abandoned' order by started_at desc limit 1`,
    );
    expect(rows[0]?.error).toContain('stopped renewing its lease');
  }

  it('replace: leaves the target exactly as it was, and a re-run loads exactly the source rows', async () => {
    await createBronze(warehouse);
    await source.query('alter table crm.customer rename to customer_all');
    await source.query('create table crm.customer (like crm.customer_all including all)');
    await source.query('insert into crm.customer select * from crm.customer_all where customer_id <= 10');
    await transfer({ from: source, to: warehouse, transform: toBronze, disposition: 'replace' });
    await source.query('drop table crm.customer');
    await source.query('alter table crm.customer_all rename to customer');
    await insertSource(source, seedRows(0));
    const before = await bronzeRows(warehouse);
    expect(before).toHaveLength(10);

    await killMidLoad({ disposition: 'replace', signalAt: 20_000 });
    expect(await bronzeRows(warehouse)).toEqual(before);
    expect(await statuses()).toEqual(['succeeded', 'running']);

    const rerun = await transfer({
      from: source,
      to: warehouse,
      transform: toBronze,
      disposition: 'replace',
    });
    expect(rerun.rows).toMatchObject({ read: ROWS, loaded: ROWS });
    expect(await bronzeRows(warehouse)).toEqual(await expectedRows(source));
    expect(await statuses()).toEqual(['succeeded', 'abandoned', 'succeeded']);
    await expectKilledLoadAbandoned();
  }, 120_000);

  for (const when of [
    { name: 'while staging', signalAt: 20_000 },
    { name: 'while merging the stage', blocked: 'bronze.customer' },
  ]) {
    it(`merge killed ${when.name}: the target is unchanged, a re-run gives exactly the source rows`, async () => {
      await createBronze(warehouse);
      await transfer({ from: source, to: warehouse, transform: toBronze, disposition: 'merge' });
      await source.query(`update crm.customer set score = coalesce(score, 0) + 1 where customer_id % 10 = 0`);
      await source.query(`insert into crm.customer values (${ROWS + 1}, 'New', null, null, true, now())`);
      const before = await bronzeRows(warehouse);

      try {
        await killMidLoad(
          { disposition: 'merge', ...(when.signalAt ? { signalAt: when.signalAt } : {}) },
          when.blocked,
        );
        expect(await bronzeRows(warehouse)).toEqual(before);

        const rerun = await transfer({
          from: source,
          to: warehouse,
          transform: toBronze,
          disposition: 'merge',
        });
        expect(rerun.rows).toMatchObject({ inserted: 1, updated: ROWS / 10 });
        expect(await bronzeRows(warehouse)).toEqual(await expectedRows(source));
        expect(await statuses()).toEqual(['succeeded', 'abandoned', 'succeeded']);
        await expectKilledLoadAbandoned();
      } finally {
        await source.query(`delete from crm.customer where customer_id > ${ROWS}`);
      }
    }, 150_000);
  }

  for (const when of [
    { name: 'while staging', signalAt: 20_000 },
    { name: 'while versioning', blocked: 'bronze.customer_history' },
  ]) {
    it(`history killed ${when.name}: no version is opened or closed, a re-run versions exactly the changes`, async () => {
      await createBronze(warehouse);
      await transfer({ from: source, to: warehouse, transform: toHistory, disposition: 'history' });
      await source.query(
        `update crm.customer set full_name = full_name || ' v2' where customer_id % 100 = 0`,
      );
      const versions = async () =>
        (await warehouse.query<{ n: string }>('select count(*) as n from bronze.customer_history')).rows[0]
          ?.n;
      const before = await versions();
      expect(Number(before)).toBe(ROWS);

      try {
        const spec = { disposition: 'history', transform: 'history' } as const;
        await killMidLoad({ ...spec, ...(when.signalAt ? { signalAt: when.signalAt } : {}) }, when.blocked);
        expect(await versions()).toBe(before);

        const rerun = await transfer({
          from: source,
          to: warehouse,
          transform: toHistory,
          disposition: 'history',
        });
        expect(rerun.rows).toMatchObject({ inserted: ROWS / 100, closed: ROWS / 100 });
        expect(Number(await versions())).toBe(ROWS + ROWS / 100);
        expect(await bronzeRows(warehouse, OPEN_HISTORY)).toEqual(await expectedRows(source));
        expect(await statuses()).toEqual(['succeeded', 'abandoned', 'succeeded']);
        await expectKilledLoadAbandoned();
      } finally {
        await source.query(
          `update crm.customer set full_name = 'Customer ' || customer_id where full_name like '% v2'`,
        );
      }
    }, 150_000);
  }

  it('incremental append: the cursor does not move, a re-run loads exactly the rows after it', async () => {
    await createBronze(warehouse);
    await source.query('alter table crm.customer rename to customer_all');
    await source.query('create table crm.customer (like crm.customer_all including all)');
    await source.query('insert into crm.customer select * from crm.customer_all where customer_id <= 1000');
    await transfer({ from: source, to: warehouse, transform: toBronze, cursor: 'updated_at' });
    await source.query('drop table crm.customer');
    await source.query('alter table crm.customer_all rename to customer');
    const cursor = async () =>
      (await warehouse.query<{ value: string }>('select value from datakit.cursors')).rows[0]?.value;
    const before = await cursor();

    await killMidLoad({ disposition: 'append', cursor: 'updated_at', signalAt: 20_000 });
    expect(await warehouse.query('select 1 from bronze.customer')).toMatchObject({ rowCount: 1000 });
    expect(await cursor()).toBe(before);

    const rerun = await transfer({ from: source, to: warehouse, transform: toBronze, cursor: 'updated_at' });
    expect(rerun.rows).toMatchObject({ read: ROWS - 1000, loaded: ROWS - 1000 });
    expect(await bronzeRows(warehouse)).toEqual(await expectedRows(source));
    expect(await statuses()).toEqual(['succeeded', 'abandoned', 'succeeded']);
    await expectKilledLoadAbandoned();
  }, 150_000);
});
