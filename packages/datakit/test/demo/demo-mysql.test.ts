import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DemoSummary, runDemo } from '@datakit-examples/demo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';

await describeServer('mysql', 'demo with System D on MariaDB', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'datakit-demo-mysql-'));
  let db: TestDatabase;
  let summary: DemoSummary;
  let systemD: Connection;
  let warehouse: Connection;

  beforeAll(async () => {
    db = await createTestDatabase('mysql', 'demo');
    summary = await runDemo({
      rows: 400,
      dataDir: path.join(root, 'data'),
      cacheDir: path.join(root, 'cache'),
      systemDUrl: db.url,
    });
    systemD = await connect(db.url);
    warehouse = await connect(summary.data.warehouseUrl);
  });

  afterAll(async () => {
    await systemD?.close();
    await warehouse?.close();
    await db?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('seeds orders and order lines into MariaDB and loads them into bronze, rejects and drops included', async () => {
    expect(summary.data.sourceUrls['system-d']).toBe(db.url);
    expect(
      summary.seeded.tables
        .filter((t) => t.system === 'system-d')
        .every((t) => t.database.startsWith('mysql://')),
    ).toBe(true);
    const source = await systemD.query<{ n: number; total: string }>(
      "select count(*) as n, cast(sum(total) as char) as total from `orders` where status <> 'cancelled' and total >= 0",
    );
    const bronze = await warehouse.query<{ n: number; total: string }>(
      'select count(*)::int as n, sum(total_amount)::text as total from bronze."order"',
    );
    expect(bronze.rows[0]).toEqual({ n: Number(source.rows[0]?.n), total: source.rows[0]?.total });
    const lines = await systemD.query<{ n: number; amount: string }>(
      'select count(*) as n, cast(sum(unit_price * quantity) as char) as amount from `order_line` where quantity >= 1',
    );
    const bronzeLines = await warehouse.query<{ n: number; amount: string }>(
      'select count(*)::int as n, sum(line_amount)::text as amount from bronze."order_line"',
    );
    expect(bronzeLines.rows[0]).toEqual({ n: Number(lines.rows[0]?.n), amount: lines.rows[0]?.amount });
    const order = summary.transfers.find((t) => t.name === 'order');
    expect(order?.rows.rejected).toBe(2);
    expect(order?.rows.dropped).toBe(summary.cancelledOrders);
  });

  it('gold revenue per month equals plain SQL on the orders in MariaDB, exactly (both days)', async () => {
    // Silver rejects the orders of customers bronze rejected for their email (System A, on PGlite).
    const rejected = summary.badRows.filter((b) => b.table === 'customer').map((b) => b.key.customer_id);
    const source = await systemD.query<{ key: string; currency: string; revenue: string }>(
      `select date_format(o.order_date, '%Y-%m') as \`key\`, upper(o.currency) as currency,
              cast(sum(l.unit_price * l.quantity) as char) as revenue
       from \`order_line\` l join \`orders\` o on o.order_id = l.order_id
       where o.status <> 'cancelled' and o.total >= 0 and l.quantity >= 1
         and o.customer_id not in (${rejected.map(() => '?').join(', ')})
       group by 1, 2`,
      rejected,
    );
    const gold = await warehouse.query<{ key: string; currency: string; revenue: string }>(
      'select "year_month" as "key", "currency", sum("revenue")::text as "revenue" from "gold"."monthly_revenue" group by 1, 2',
    );
    const sorted = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(summary.changes?.applied.newOrders).toBeGreaterThan(0);
    expect(gold.rows.length).toBeGreaterThan(1);
    expect(sorted(gold.rows)).toEqual(sorted(source.rows));
  });

  it('keeps the order timestamps exact across MariaDB DATETIME(3) and bronze timestamptz', async () => {
    // The MySQL driver returns DATETIME as its text (read in UTC).
    const source = await systemD.query<{ order_date: string }>(
      'select order_date from `orders` where order_id = 1',
    );
    const bronze = await warehouse.query<{ ordered_at: string }>(
      `select to_char(ordered_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') as ordered_at from bronze."order" where id = 1`,
    );
    expect(source.rows[0]?.order_date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    expect(bronze.rows[0]?.ordered_at).toBe(source.rows[0]?.order_date);
  });
});
