import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as demoModule from '@datakit-examples/demo';
import { DEFAULT_DEMO_ROWS, type DemoSummary, demoSizes, runDemo } from '@datakit-examples/demo';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_DEMO_ROWS as CLI_DEMO_ROWS,
  registerDemoCommand,
} from '../../src/cli/commands/demo-command.js';
import type { DemoModule } from '../../src/cli/load-demo.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { formatRunList } from '../../src/orchestration/report/format-run.js';
import { getRun } from '../../src/store/runs/get-run.js';
import { listRuns } from '../../src/store/runs/list-runs.js';
import { BRONZE_CHECKS } from './bronze-checksums.js';

const ROWS = 600;
/** The tasks of the demo pipeline: six transfers, six silver transforms, three dimensions, a fact, an aggregate, two check tasks. */
const TASKS = [
  'customer',
  'address',
  'category',
  'product',
  'order',
  'order_line',
  'silver.customer',
  'silver.address',
  'silver.category',
  'silver.product',
  'silver.order',
  'silver.order_line',
  'check-silver',
  'gold.dim_customer',
  'gold.dim_product',
  'gold.dim_date',
  'gold.fact_order_line',
  'gold.monthly_revenue',
  'check-gold',
];
const root = mkdtempSync(path.join(tmpdir(), 'datakit-demo-'));
const dataDir = path.join(root, 'data');
const cacheDir = path.join(root, 'cache');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runDemo at a small size', () => {
  let summary: DemoSummary;
  let warehouse: Connection;
  let sources: Connection;
  const progress: string[] = [];

  beforeAll(async () => {
    summary = await runDemo({ rows: ROWS, dataDir, cacheDir, onProgress: (line) => progress.push(line) });
    warehouse = await connect(summary.data.warehouseUrl);
    sources = await connect(summary.data.sourceUrls['system-a'] as string);
  });

  afterAll(async () => {
    await warehouse?.close();
    await sources?.close();
  });

  it('seeds every source table, runs the six transfers and reconciles every count', () => {
    expect(summary.data.action).toBe('created');
    expect(progress[0]).toMatch(/^Creating the demo data in /);
    expect(summary.seeded.rows).toBe(ROWS);
    expect(summary.transfers.map((t) => t.name).sort()).toEqual([
      'address',
      'category',
      'customer',
      'order',
      'order_line',
      'product',
    ]);
    for (const t of summary.transfers) {
      const seeded = summary.seeded.tables.find((s) => `${s.system}.${s.table}` === t.source);
      expect(t.rows.read, t.name).toBe(seeded?.rows);
      expect(t.rows.read, t.name).toBe(t.rows.loaded + t.rows.rejected + t.rows.dropped);
    }
    expect(summary.totals.read).toBe(ROWS);
    expect(summary.totals.rejected).toBe(summary.badRows.length);
    expect(summary.totals.dropped).toBe(summary.cancelledOrders);
  });

  it('loads parents before the tables that reference them', () => {
    const order = summary.transfers.map((t) => t.name);
    expect(order.indexOf('customer')).toBeLessThan(order.indexOf('address'));
    expect(order.indexOf('category')).toBeLessThan(order.indexOf('product'));
    expect(order.indexOf('order')).toBeLessThan(order.indexOf('order_line'));
  });

  it.each(BRONZE_CHECKS.map((c) => [c.target, c] as const))(
    'bronze.%s holds exactly the transformed source rows after day two (count and checksum, by SQL)',
    async (target, check) => {
      const source = (await sources.query<{ n: number; md5: string }>(check.sourceSql)).rows[0];
      const bronze = (await warehouse.query<{ n: number; md5: string }>(check.bronzeSql)).rows[0];
      // Merged on day one and again on day two: every bronze row was inserted by one of the two loads.
      const inserted = [summary, summary.changes?.run]
        .map((run) => run?.transfers.find((t) => t.target === `bronze.${target}`)?.rows.inserted ?? 0)
        .reduce((a, b) => a + b, 0);
      expect(bronze?.n).toBe(inserted);
      expect(bronze?.n).toBeGreaterThan(0);
      expect(bronze).toEqual(source);
    },
  );

  it('puts each deliberately bad row in the rejects table with its reason, and nothing else', async () => {
    const { rows } = await warehouse.query<{
      source_table: string;
      stage: string;
      message: string;
      row: Record<string, unknown>;
    }>(
      'select "source_table", "stage", "message", "row" from "datakit"."rejects" where "load_id" = any($1::uuid[]) order by "id"',
      [summary.transfers.map((t) => t.loadId)],
    );
    expect(rows).toHaveLength(7);
    expect(summary.badRows.map((b) => b.table).sort()).toEqual([
      'customer',
      'customer',
      'customer',
      'order_line',
      'order_line',
      'orders',
      'orders',
    ]);
    for (const bad of summary.badRows) {
      const match = rows.filter(
        (r) =>
          r.source_table === bad.table && Object.entries(bad.key).every(([k, value]) => r.row[k] === value),
      );
      expect(match, JSON.stringify(bad)).toHaveLength(1);
      expect(match[0]?.stage).toBe('transform');
      expect(match[0]?.message).toContain(bad.reason);
    }
    const emails = await sources.query<{ email: string }>(
      'select "email" from "customer" where "customer_id" = any($1::int[]) order by "customer_id"',
      [summary.badRows.filter((b) => b.table === 'customer').map((b) => b.key.customer_id)],
    );
    expect(emails.rows.map((r) => r.email)).toEqual([
      'not-an-email',
      'ann.lee(at)example.com',
      'bob@localhost',
    ]);
  });

  it('drops the cancelled orders: none reach bronze and the dropped count is the source count', async () => {
    const cancelled = await sources.query<{ n: number }>(
      `select count(*)::int as "n" from "orders" where "status" = 'cancelled'`,
    );
    expect(cancelled.rows[0]?.n).toBe(summary.cancelledOrders);
    expect(summary.cancelledOrders).toBeGreaterThan(0);
    expect(summary.transfers.find((t) => t.name === 'order')?.rows.dropped).toBe(summary.cancelledOrders);
    const inBronze = await warehouse.query<{ n: number }>(
      `select count(*)::int as "n" from bronze."order" where "status" = 'cancelled'`,
    );
    expect(inBronze.rows[0]?.n).toBe(0);
  });

  it('records every load of both runs in the run store with the same counts', async () => {
    const { rows } = await warehouse.query<{
      warehouse: string;
      environment: string;
      transfer: string;
      target_table: string;
      status: string;
      rows_read: string;
      rows_rejected: string;
    }>(
      'select "warehouse", "environment", "transfer", "target_table", "status", "rows_read", "rows_rejected" from "datakit"."loads" order by "started_at"',
    );
    const transfers = [...summary.transfers, ...(summary.changes?.run.transfers ?? [])];
    expect(transfers).toHaveLength(12);
    expect(rows.map((r) => [r.warehouse, r.environment, r.transfer, r.target_table])).toEqual(
      transfers.map((t) => ['demo', 'dev', t.name, t.target]),
    );
    expect(summary.transfers.find((t) => t.name === 'customer')?.target).toBe('bronze.customer');
    expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
    expect(rows.map((r) => Number(r.rows_read))).toEqual(transfers.map((t) => t.rows.read));
  });

  it('runs the demo pipeline twice (day one, day two), recorded in the run store, and its summary is that record', async () => {
    const runs = await listRuns(warehouse, { warehouse: 'demo', environment: 'dev' });
    expect(runs.map((r) => r.run.id)).toEqual([summary.changes?.run.run.id, summary.run.id]);
    expect(runs[1]).toMatchObject({
      run: { id: summary.run.id, pipeline: 'demo', state: 'succeeded', trigger: 'manual' },
      tasks: { succeeded: TASKS.length },
    });
    expect(runs[0]).toMatchObject({ run: { state: 'succeeded' }, tasks: { succeeded: TASKS.length } });
    expect(runs.map((r) => r.run.logicalTime.toISOString())).toEqual([
      '2025-01-02T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
    ]);
    expect(summary.run).toMatchObject({ pipeline: 'demo', state: 'succeeded', store: 'datakit.runs' });
    expect(formatRunList(runs)).toMatch(new RegExp(`^\\s*${summary.run.id}\\s+demo\\s+dev\\s`, 'm'));
    const detail = await getRun(warehouse, summary.run.id);
    const byTask = new Map(detail?.tasks.map((t) => [t.task, t]));
    expect([...byTask.keys()].sort()).toEqual([...TASKS].sort());
    for (const line of summary.transfers) {
      const task = byTask.get(line.name);
      expect(task?.kind, line.name).toBe('transfer');
      expect(task?.loadId, line.name).toBe(line.loadId);
      expect(task?.rows, line.name).toEqual({
        read: line.rows.read,
        loaded: line.rows.loaded,
        rejected: line.rows.rejected,
        dropped: line.rows.dropped,
      });
      expect(line.durationMs, line.name).toBeGreaterThanOrEqual(0);
    }
  });
});

async function runDemoCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const program = new Command('datakit').exitOverride();
  registerDemoCommand(program, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: root }, (c) => {
    code = Math.max(code, c);
  });
  await program.parseAsync(['node', 'datakit', 'demo', ...args]);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('datakit demo (CLI)', () => {
  it('runs the demo module it loads: the module the CLI expects, with the default it shows in --help', () => {
    const module: DemoModule = demoModule;
    expect(typeof module.runDemo).toBe('function');
    expect(CLI_DEMO_ROWS).toBe(DEFAULT_DEMO_ROWS);
  });

  it('a second run resets the data directory, says so first, and prints the summary table', async () => {
    const { code, stdout, stderr } = await runDemoCli(['--rows', '300', '--data-dir', 'data', '--seed', '2']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      `Reset the demo data in ${dataDir}: removed the databases of a previous run (--keep reuses them).`,
    );
    expect(stderr.split('\n')[0]).toMatch(/^Reset the demo data in /);
    expect(stdout).toMatch(
      /transfer\s+source → target\s+mode\s+read\s+loaded\s+rejected\s+dropped\s+time\s+rows\/s/,
    );
    const customers = demoSizes(300).customer;
    expect(stdout).toMatch(
      new RegExp(
        `customer\\s+system-a\\.customer → bronze\\.customer\\s+merge\\s+${customers}\\s+${customers - 3}\\s+3\\s+0\\s`,
      ),
    );
    expect(stdout).toMatch(/^total\s+300\s/m);
    expect(stdout).toMatch(
      /^Pipeline "demo" run \d+ \(logical time 2025-01-01T00:00:00\.000Z\): succeeded \(recorded in datakit\.runs/m,
    );
    expect(stdout).toContain('email "not-an-email" is not an email address');
    expect(stdout).toMatch(/^Day 2: \d+ customers? updated and \d+ added in System A/m);
    expect(stdout).toMatch(/^gold\.dim_customer \(SCD2\): .* closed [1-9]\d* at 2025-01-02T00:00:00\.000Z$/m);
    expect(stdout).toMatch(/^Quality checks: \d+ passed, 1 warn, 0 error/m);
    expect(stdout).toMatch(
      /^ {2}gold {4}dim_customer [\d,]+ · dim_product [\d,]+ · dim_date [\d,]+ · fact_order_line [\d,]+ · monthly_revenue [\d,]+$/m,
    );
    expect(stdout).toContain(`warehouse  pglite://${path.join(dataDir, 'warehouse')}`);
    expect(stdout).toContain('npx datakit demo --keep --data-dir data');
  });

  it('--keep --json reuses the data: one JSON document, nothing new read incrementally, every merged row and dimension version unchanged', async () => {
    const { code, stdout } = await runDemoCli([
      '--rows',
      '300',
      '--data-dir',
      'data',
      '--seed',
      '2',
      '--keep',
      '--json',
    ]);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as DemoSummary;
    expect(summary.data.action).toBe('reused');
    expect(summary.run).toMatchObject({ pipeline: 'demo', state: 'succeeded' });
    const day2 = summary.changes?.run;
    expect(day2?.run).toMatchObject({ pipeline: 'demo', state: 'succeeded' });
    const store = await connect(summary.data.warehouseUrl);
    try {
      // The first CLI run's two days and this one's: the reused run store keeps all four.
      const runs = await listRuns(store, { pipeline: 'demo' });
      expect(runs.map((r) => r.run.id)).toEqual([
        day2?.run.id,
        summary.run.id,
        expect.any(String),
        expect.any(String),
      ]);
      expect(runs.map((r) => r.tasks)).toEqual(Array(4).fill({ succeeded: TASKS.length }));
    } finally {
      await store.close();
    }
    // Customers are incremental (System A's cursor): nothing was updated since the last load, on
    // either day (day two's changes are the same as last time's).
    for (const run of [summary, day2]) {
      const customer = run?.transfers.find((t) => t.name === 'customer');
      expect(customer?.rows).toMatchObject({ read: 0, loaded: 0 });
      for (const t of run?.transfers ?? []) {
        expect(t.rows.inserted, t.name).toBe(0);
        expect(t.rows.updated, t.name).toBe(0);
        expect(t.rows.unchanged, t.name).toBe(t.rows.loaded);
      }
      expect(run?.history).toMatchObject({ opened: 0, closed: 0 });
    }
    expect(summary.totals.read).toBe(300 - demoSizes(300).customer);
  });

  it('--rows below the minimum is a usage error naming the flag', async () => {
    await expect(runDemoCli(['--rows', '5', '--data-dir', 'data'])).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('--rows'),
    });
  });
});
