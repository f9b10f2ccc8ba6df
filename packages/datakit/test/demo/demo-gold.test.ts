import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DemoSummary, runDemo } from '@datakit-examples/demo';
import exampleWarehouse from '@datakit-examples/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { compilePipeline } from '../../src/orchestration/dag/compile-pipeline.js';
import { readLineage } from '../../src/store/runs/read-lineage.js';
import { EMAIL, GOLD_FIGURES } from './gold-figures.js';

const ROWS = 600;
const DAY2 = '2025-01-02T00:00:00.000Z';
const root = mkdtempSync(path.join(tmpdir(), 'datakit-demo-gold-'));

afterAll(() => rmSync(root, { recursive: true, force: true }));

type Row = Record<string, unknown>;
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('the demo pipeline (no database)', () => {
  it('derives its edges from the tables each task reads and writes: parents first, gold after silver is checked', async () => {
    const pipeline = compilePipeline(exampleWarehouse.warehouses.demo as never, 'demo', 'demo');
    const upstream = (task: string) =>
      (pipeline.byName.get(task)?.upstream ?? []).map((i) => pipeline.tasks[i]?.name).sort();
    expect(upstream('silver.customer')).toEqual(['customer']);
    // Constrained transforms read their foreign keys' parents in silver.
    expect(upstream('silver.address')).toEqual(['address', 'silver.customer']);
    expect(upstream('silver.product')).toEqual(['product', 'silver.category']);
    expect(upstream('silver.order')).toEqual(['order', 'silver.customer']);
    expect(upstream('silver.order_line')).toEqual(['order_line', 'silver.order', 'silver.product']);
    expect(upstream('gold.dim_customer')).toEqual(['check-silver', 'silver.address', 'silver.customer']);
    expect(pipeline.byName.get('gold.dim_customer')?.kind).toBe('dimension');
    expect(upstream('gold.dim_product')).toEqual(['check-silver', 'silver.category', 'silver.product']);
    expect(upstream('gold.fact_order_line')).toEqual([
      'check-silver',
      'gold.dim_customer',
      'gold.dim_date',
      'gold.dim_product',
      'silver.order',
      'silver.order_line',
    ]);
    expect(upstream('gold.monthly_revenue')).toEqual([
      'gold.dim_customer',
      'gold.dim_date',
      'gold.fact_order_line',
    ]);
    expect(upstream('check-gold')).toContain('gold.monthly_revenue');
  });
});

describe('the demo through silver and gold, over two days (PGlite)', () => {
  let summary: DemoSummary;
  let warehouse: Connection;
  let sources: Connection;
  const one = async <T extends Row>(conn: Connection, sql: string, params: unknown[] = []) =>
    (await conn.query<T>(sql, params)).rows[0] as T;

  beforeAll(async () => {
    summary = await runDemo({
      rows: ROWS,
      seed: 3,
      dataDir: path.join(root, 'data'),
      cacheDir: path.join(root, 'cache'),
    });
    warehouse = await connect(summary.data.warehouseUrl);
    sources = await connect(summary.data.sourceUrls['system-a'] as string);
  });

  afterAll(async () => {
    await warehouse?.close();
    await sources?.close();
  });

  it.each(GOLD_FIGURES.map((f) => [f.name, f] as const))(
    'revenue per %s (and currency) in gold equals plain SQL on the source tables, exactly',
    async (_name, figure) => {
      const gold = (await warehouse.query<Row>(figure.goldSql)).rows;
      const source = (await sources.query<Row>(figure.sourceSql)).rows;
      expect(gold.length).toBeGreaterThan(1);
      expect(sorted(gold)).toEqual(sorted(source));
    },
  );

  it('silver dedupes (one row per key), and rejects set-based what breaks its contract, with the rule', async () => {
    for (const table of ['customer', 'address', 'category', 'product', 'order']) {
      const keys = await one<{ rows: number; keys: number }>(
        warehouse,
        `select count(*)::int as "rows", count(distinct "${table === 'product' ? 'sku' : 'id'}")::int as "keys" from "silver"."${table}"`,
      );
      expect(keys.rows, table).toBe(keys.keys);
    }
    const order = summary.layers.find((l) => l.task === 'silver.order');
    const orphans = await one<{ n: number }>(
      warehouse,
      `select count(*)::int as "n" from "bronze"."order" o where not exists (select 1 from "silver"."customer" c where c."id" = o."customer_id")`,
    );
    expect(orphans.n).toBeGreaterThan(0);
    expect(order?.rows).toMatchObject({ rejected: orphans.n });
    const rejects = await warehouse.query<{ rule: string; stage: string; n: number }>(
      `select "rule", "stage", count(*)::int as "n" from "datakit"."rejects" where "load_id" = $1::uuid group by 1, 2`,
      [order?.loadId],
    );
    expect(rejects.rows).toEqual([{ rule: 'foreign-key:customer', stage: 'target', n: orphans.n }]);
    expect(summary.rejects).toContainEqual(
      expect.objectContaining({ target: 'silver.order', rows: orphans.n }),
    );
  });

  it('gold.dim_customer never has two current versions of a customer, and has one for each silver customer', async () => {
    const doubles = await warehouse.query(
      `select "customer_id" from "gold"."dim_customer" where "is_current" group by 1 having count(*) > 1`,
    );
    expect(doubles.rows).toEqual([]);
    const current = await one<{ n: number }>(
      warehouse,
      `select count(*)::int as "n" from "gold"."dim_customer" where "is_current" and "customer_key" <> -1`,
    );
    const silver = await one<{ n: number }>(
      warehouse,
      'select count(*)::int as "n" from "silver"."customer"',
    );
    expect(current.n).toBe(silver.n);
    expect(summary.changes?.run.history?.current).toBe(silver.n);
  });

  it("records the customer dimension task's column lineage from its typed select map", async () => {
    const lineage = await readLineage(warehouse, summary.changes?.run.run.id ?? '');
    const dim = lineage.find((l) => l.task === 'gold.dim_customer');
    expect(dim?.target).toEqual({ layer: 'gold', schema: 'gold', table: 'dim_customer' });
    expect(dim?.columns.find((c) => c.column === 'country')?.sources).toEqual([
      { layer: 'silver', schema: 'silver', table: 'address', column: 'country' },
    ]);
    expect(dim?.filters).toContainEqual({
      layer: 'silver',
      schema: 'silver',
      table: 'address',
      column: 'customer_id',
    });
    const day2 = summary.changes?.run.layers.find((l) => l.task === 'gold.dim_customer');
    expect(day2?.kind).toBe('dimension');
    expect(day2?.rows.loaded).toBe(summary.changes?.run.history?.opened ?? 0);
  });

  it('day two grows the history: each valid updated customer gets a version closed and one opened at its logical time', async () => {
    const applied = summary.changes?.applied;
    const day2 = summary.changes?.run.history;
    expect(applied?.at).toBe(DAY2);
    // changes() also updates customers bronze rejects for their email: those never reach gold.
    const rejected = await one<{ n: number }>(
      sources,
      `select count(*)::int as "n" from "customer" where "updated_at" = $1::timestamptz and not (lower(trim("email")) ~ ${EMAIL})`,
      [DAY2],
    );
    const changed = (applied?.updatedCustomers ?? 0) - rejected.n;
    expect(changed).toBeGreaterThan(0);
    expect(day2).toMatchObject({
      closed: changed,
      opened: changed + (applied?.newCustomers ?? 0),
      versions: (summary.history?.versions ?? 0) + changed + (applied?.newCustomers ?? 0),
    });
    expect(summary.history).toMatchObject({ opened: summary.history?.versions, closed: 0 });
    const pairs = await one<{ n: number; differ: number }>(
      warehouse,
      `select count(*)::int as "n",
              count(*) filter (where (o."name", o."email", o."phone", o."status", o."country")
                is distinct from (c."name", c."email", c."phone", c."status", c."country"))::int as "differ"
       from "gold"."dim_customer" o join "gold"."dim_customer" c
         on c."customer_id" = o."customer_id" and c."valid_from" = o."valid_to" and c."is_current"
       where o."valid_to" = $1::timestamptz and not o."is_current"`,
      [DAY2],
    );
    expect(pairs).toEqual({ n: changed, differ: changed });
    const example = day2?.example?.versions ?? [];
    expect(example.map((v) => [v.validFrom, v.validTo, v.current])).toEqual([
      ['-infinity', DAY2, false],
      [DAY2, 'infinity', true],
    ]);
  });

  it('the fact points each line at the dimension versions valid when its order was placed', async () => {
    const invalid = await one<{ customers: number; products: number; unknown: number }>(
      warehouse,
      `select count(*) filter (where not (c."valid_from" <= f."ordered_at" and f."ordered_at" < c."valid_to"))::int as "customers",
              count(*) filter (where not (p."valid_from" <= f."ordered_at" and f."ordered_at" < p."valid_to"))::int as "products",
              count(*) filter (where f."customer_key" = -1 or f."product_key" = -1)::int as "unknown"
       from "gold"."fact_order_line" f
       join "gold"."dim_customer" c on c."customer_key" = f."customer_key"
       join "gold"."dim_product" p on p."product_key" = f."product_key"`,
    );
    expect(invalid).toEqual({ customers: 0, products: 0, unknown: 0 });
    // Day two's orders come from customers changed that day: they find the new versions, while
    // the same customers' earlier orders keep the versions valid then.
    const versions = await one<{ day2_new: number; day2_lines: number; earlier_old: number }>(
      warehouse,
      `select count(*) filter (where f."ordered_at" >= $1::timestamptz and c."valid_from" = $1::timestamptz)::int as "day2_new",
              count(*) filter (where f."ordered_at" >= $1::timestamptz)::int as "day2_lines",
              count(*) filter (where f."ordered_at" < $1::timestamptz and c."valid_to" = $1::timestamptz)::int as "earlier_old"
       from "gold"."fact_order_line" f join "gold"."dim_customer" c on c."customer_key" = f."customer_key"`,
      [DAY2],
    );
    expect(versions.day2_lines).toBe(summary.changes?.applied.newOrderLines);
    expect(versions.day2_new).toBe(versions.day2_lines);
    expect(versions.earlier_old).toBeGreaterThan(0);
  });

  it('runs the checks of both layers on both days: all pass but a warning that names the customers without an address', async () => {
    for (const run of [summary, summary.changes?.run]) {
      const failing = run?.checks.filter((c) => c.status !== 'pass') ?? [];
      expect(failing.map((c) => [c.task, c.check, c.status])).toEqual([
        ['check-gold', 'current customers without an address', 'warn'],
      ]);
      expect(run?.checks.map((c) => c.check)).toEqual(
        expect.arrayContaining([
          'fact rows = silver order lines',
          'aggregate revenue = fact revenue',
          'one current version per customer',
        ]),
      );
      expect(new Set(run?.checks.map((c) => c.task))).toEqual(new Set(['check-silver', 'check-gold']));
    }
    const noAddress = await one<{ n: number }>(
      warehouse,
      `select count(*)::int as "n" from "gold"."dim_customer" where "is_current" and "customer_key" <> -1 and "country" is null`,
    );
    expect(summary.changes?.run.checks.find((c) => c.status === 'warn')?.failing).toBe(noAddress.n);
  });

  it("counts every layer's tables as the warehouse holds them", async () => {
    const tables = summary.changes?.run.tables ?? [];
    expect(tables.map((t) => `${t.layer}.${t.table}`)).toEqual([
      ...['customer', 'address', 'category', 'product', 'order', 'order_line'].map((t) => `bronze.${t}`),
      ...['customer', 'address', 'category', 'product', 'order', 'order_line'].map((t) => `silver.${t}`),
      ...['dim_customer', 'dim_product', 'dim_date', 'fact_order_line', 'monthly_revenue'].map(
        (t) => `gold.${t}`,
      ),
    ]);
    for (const t of tables) {
      const count = await one<{ n: number }>(
        warehouse,
        `select count(*)::int as "n" from "${t.layer}"."${t.table}"`,
      );
      expect(t.rows, `${t.layer}.${t.table}`).toBe(count.n);
    }
    const rows = (layer: string, table: string) =>
      tables.find((t) => t.layer === layer && t.table === table)?.rows;
    expect(rows('gold', 'fact_order_line')).toBe(rows('silver', 'order_line'));
  });
});
