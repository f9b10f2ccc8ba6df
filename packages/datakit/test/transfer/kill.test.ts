import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { markAbandonedLoads } from '../../src/transfer/run-store.js';
import { transfer } from '../../src/transfer/transfer.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import {
  bronzeRows,
  createBronze,
  createSource,
  expectedRows,
  insertSource,
  seedRows,
  toBronze,
} from './fixtures.js';

const ROWS = 400_000;

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
    await createBronze(warehouse);
  });
  afterAll(async () => {
    await source?.close();
    await warehouse?.close();
    await sourceDb?.drop();
    await warehouseDb?.drop();
  });

  it('leaves the target exactly as it was, and a re-run loads exactly the source rows', async () => {
    await source.query('alter table crm.customer rename to customer_all');
    await source.query('create table crm.customer (like crm.customer_all including all)');
    await source.query('insert into crm.customer select * from crm.customer_all where customer_id <= 10');
    await transfer({ from: source, to: warehouse, transform: toBronze, disposition: 'replace' });
    await source.query('drop table crm.customer');
    await source.query('alter table crm.customer_all rename to customer');
    await insertSource(source, seedRows(0));
    const before = await bronzeRows(warehouse);
    expect(before).toHaveLength(10);

    const script = fileURLToPath(new URL('./kill-child.ts', import.meta.url));
    // Its own process group, so SIGKILL reaches node under npx and tsx, not just npx.
    const child = spawn('npx', ['tsx', script, sourceDb.url, warehouseDb.url], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    const outcome = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('loading')) {
          process.kill(-(child.pid as number), 'SIGKILL');
          resolve('killed');
        } else if (out.includes('finished')) resolve('finished');
      });
      child.on('exit', () => resolve(out.includes('loading') ? 'killed' : 'exited'));
    });
    expect(outcome).toBe('killed');
    if (child.exitCode === null && child.signalCode === null)
      await new Promise((resolve) => child.once('exit', resolve));

    // The server notices the dropped connection and rolls the load back.
    let running = 1;
    for (let i = 0; i < 100 && running > 0; i++) {
      const { rows } = await warehouse.query<{ n: string }>(
        `select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
      );
      running = Number(rows[0]?.n);
      if (running > 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(await bronzeRows(warehouse)).toEqual(before);
    const statuses = async () =>
      (await warehouse.query<{ status: string }>(`select status from datakit.loads order by started_at`)).rows.map(
        (r) => r.status,
      );
    const { rows: lease } = await warehouse.query<{ left: number }>(
      `select extract(epoch from lease_expires_at - now())::float8 as left from datakit.loads where status = 'running'`,
    );
    expect(lease[0]?.left).toBeLessThan(1);
    // Once the killed load's lease (3 heartbeats of 200 ms) has run out, it is abandoned.
    await new Promise((r) => setTimeout(r, Math.max(0, (lease[0]?.left ?? 0) * 1000) + 100));
    expect(await markAbandonedLoads(warehouse)).toBe(1);
    expect(await statuses()).toEqual(['succeeded', 'abandoned']);

    const rerun = await transfer({
      from: source,
      to: warehouse,
      transform: toBronze,
      disposition: 'replace',
    });
    expect(rerun.rows).toMatchObject({ read: ROWS, loaded: ROWS });
    expect(await bronzeRows(warehouse)).toEqual(await expectedRows(source));
    expect(await statuses()).toEqual(['succeeded', 'abandoned', 'succeeded']);
  }, 120_000);
});
