import { eq } from 'drizzle-orm';
import { integer, numeric, pgTable, primaryKey, text, varchar } from 'drizzle-orm/pg-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/dialect/connection.js';
import type { DatakitError } from '../../src/errors/datakit-error.js';
import { defineDimension } from '../../src/gold/define-dimension.js';
import { countRows, total } from '../../src/sql-transform/aggregates.js';
import { defineSqlTransform } from '../../src/sql-transform/define-sql-transform.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { innerJoin } from '../../src/sql-transform/join.js';
import { createWarehouse, place, textRows } from '../sql-transform/fixtures.js';
import {
  customerBatch,
  customerDimension,
  dateDimension,
  dimCustomer,
  dimDate,
  dimProduct,
  factOrderLine,
  orderLine,
  orderLineFact,
  product,
  productDimension,
} from './fixtures.js';
import { scd2Counts } from './scd2-counts.js';
import { customerRef, factRef, scd2Property } from './scd2-property.js';

const schemas = { place };
const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** Gold: monthly revenue per customer tier and product category, from the fact and its dimensions. */
const monthlyRevenue = pgTable(
  'monthly_revenue',
  {
    year_month: varchar({ length: 7 }).notNull(),
    category: text().notNull(),
    lines: integer().notNull(),
    revenue: numeric({ precision: 14, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year_month, t.category] })],
);
const monthlyRevenueTransform = defineSqlTransform(inLayer(monthlyRevenue, 'gold'), {
  from: inLayer(factOrderLine, 'gold'),
  joins: [
    innerJoin(inLayer(dimDate, 'gold'), eq(dimDate.date_key, factOrderLine.date_key)),
    innerJoin(inLayer(dimProduct, 'gold'), eq(dimProduct.product_key, factOrderLine.product_key)),
  ],
  select: {
    year_month: dimDate.year_month,
    category: dimProduct.category,
    lines: countRows(),
    revenue: total(factOrderLine.amount),
  },
  groupBy: [dimDate.year_month, dimProduct.category],
  disposition: 'replace',
});

async function batch(conn: Connection, rows: [number, string, string | null][]): Promise<void> {
  await conn.query('truncate clean_zone.customer_batch');
  for (const [id, name, tier] of rows) {
    await conn.query('insert into clean_zone.customer_batch (id, name, tier, seq) values ($1, $2, $3, 1)', [
      id,
      name,
      tier,
    ]);
  }
}

async function versions(conn: Connection) {
  return textRows(
    conn,
    `select customer_key as sk, customer_id as id, name, tier,
       case when valid_from = '-infinity' then '-inf' else to_char(valid_from at time zone 'UTC', 'MM-DD') end as "from",
       case when valid_to = 'infinity' then 'inf' else to_char(valid_to at time zone 'UTC', 'MM-DD') end as "to",
       is_current::text as cur, is_deleted::text as del
     from mart.dim_customer order by customer_id, valid_from`,
  );
}

/** Date dimension, SCD2 dimensions, facts and aggregates against one warehouse connection. */
export function goldSuite(
  db: () => Connection,
  options: { propertyRuns: number; concurrent?: () => Promise<Connection> },
): void {
  beforeEach(async () => {
    await createWarehouse(db(), [
      { table: customerBatch, layer: 'silver' },
      { table: product, layer: 'silver' },
      { table: orderLine, layer: 'silver' },
      { table: customerRef, layer: 'silver' },
      { table: dimCustomer, layer: 'gold' },
      { table: dimProduct, layer: 'gold' },
      { table: dimDate, layer: 'gold' },
      { table: factOrderLine, layer: 'gold' },
      { table: factRef, layer: 'gold' },
      { table: monthlyRevenue, layer: 'gold' },
    ]);
    await customerDimension('close').prepare(db(), schemas);
    await productDimension.prepare(db(), schemas);
  });

  describe('date dimension', () => {
    it('fills a range of days with calendar attributes, idempotently', async () => {
      expect(await dateDimension.fill(db(), { ...schemas, from: '2023-12-30', to: '2024-03-01' })).toBe(63);
      expect(await dateDimension.fill(db(), { ...schemas, from: '2024-01-01', to: '2024-03-02' })).toBe(1);
      expect(
        await textRows(
          db(),
          `select date_key, date::text, year_month, quarter, day_name, day_of_week, iso_week, iso_year, is_weekend from mart.dim_date where date_key in (20231231, 20240229)`,
        ),
      ).toEqual([
        {
          date_key: '20231231',
          date: '2023-12-31',
          year_month: '2023-12',
          quarter: '4',
          day_name: 'Sunday',
          day_of_week: '7',
          iso_week: '52',
          iso_year: '2023',
          is_weekend: 'true',
        },
        {
          date_key: '20240229',
          date: '2024-02-29',
          year_month: '2024-02',
          quarter: '1',
          day_name: 'Thursday',
          day_of_week: '4',
          iso_week: '9',
          iso_year: '2024',
          is_weekend: 'false',
        },
      ]);
      await expect(
        dateDimension.fill(db(), { ...schemas, from: '2024-02-01', to: '2024-01-01' }),
      ).rejects.toThrow(/not a range of days/);
    });
  });

  describe('SCD2 dimension', () => {
    it('opens, keeps, closes and re-opens versions, comparing each column with IS DISTINCT FROM', async () => {
      const dim = customerDimension('close');
      await batch(db(), [
        [1, 'Ada', null],
        [2, 'Bob', 'x'],
        [3, 'Cy', 'y'],
      ]);
      expect((await dim.run(db(), { ...schemas, at: day('2024-01-10') })).rows).toMatchObject({
        staged: 3,
        new: 3,
      });
      const before = await textRows(
        db(),
        'select customer_key, xmin::text as x from mart.dim_customer where customer_id = 2',
      );
      await batch(db(), [
        [1, 'Ada', 'x'],
        [2, 'Bob', 'x'],
      ]);
      expect((await dim.run(db(), { ...schemas, at: day('2024-02-10') })).rows).toMatchObject({
        changed: 1,
        deleted: 1,
        unchanged: 1,
      });
      expect(
        await textRows(
          db(),
          'select customer_key, xmin::text as x from mart.dim_customer where customer_id = 2',
        ),
      ).toEqual(before);
      await batch(db(), [
        [1, 'Ada', null],
        [2, 'Bob', 'x'],
        [3, 'Cy', 'y'],
      ]);
      expect((await dim.run(db(), { ...schemas, at: day('2024-03-10') })).rows).toMatchObject({
        changed: 1,
        reopened: 1,
        unchanged: 1,
      });
      expect((await versions(db())).map(({ sk, ...v }) => v)).toEqual([
        { id: '-1', name: 'Unknown', tier: null, from: '-inf', to: 'inf', cur: 'true', del: 'false' },
        { id: '1', name: 'Ada', tier: null, from: '-inf', to: '02-10', cur: 'false', del: 'false' },
        { id: '1', name: 'Ada', tier: 'x', from: '02-10', to: '03-10', cur: 'false', del: 'false' },
        { id: '1', name: 'Ada', tier: null, from: '03-10', to: 'inf', cur: 'true', del: 'false' },
        { id: '2', name: 'Bob', tier: 'x', from: '-inf', to: 'inf', cur: 'true', del: 'false' },
        { id: '3', name: 'Cy', tier: 'y', from: '-inf', to: '02-10', cur: 'false', del: 'false' },
        { id: '3', name: 'Cy', tier: 'y', from: '03-10', to: 'inf', cur: 'true', del: 'false' },
      ]);
    });

    it('handles deletes as configured: ignore, or a new deleted version', async () => {
      await batch(db(), [
        [1, 'Ada', null],
        [2, 'Bob', null],
      ]);
      await customerDimension('ignore').run(db(), { ...schemas, at: day('2024-01-10') });
      await batch(db(), [[1, 'Ada', null]]);
      expect(
        (await customerDimension('ignore').run(db(), { ...schemas, at: day('2024-01-11') })).rows.deleted,
      ).toBe(0);
      expect(
        (await customerDimension('version').run(db(), { ...schemas, at: day('2024-01-12') })).rows.deleted,
      ).toBe(1);
      const bob = (await versions(db())).filter((v) => v.id === '2').map(({ sk, ...v }) => v);
      expect(bob).toEqual([
        { id: '2', name: 'Bob', tier: null, from: '-inf', to: '01-12', cur: 'false', del: 'false' },
        { id: '2', name: 'Bob', tier: null, from: '01-12', to: 'inf', cur: 'true', del: 'true' },
      ]);
      await batch(db(), [
        [1, 'Ada', null],
        [2, 'Bob', null],
      ]);
      expect(
        (await customerDimension('version').run(db(), { ...schemas, at: day('2024-01-13') })).rows.changed,
      ).toBe(1);
      expect(
        (await versions(db())).filter((v) => v.id === '2' && v.cur === 'true').map((v) => v.del),
      ).toEqual(['false']);
    });

    it('never holds two current rows of a key: the partial unique index refuses them', async () => {
      await batch(db(), [[1, 'Ada', null]]);
      await customerDimension('close').run(db(), { ...schemas, at: day('2024-01-10') });
      const error = await db()
        .query(
          `insert into mart.dim_customer (customer_id, name, valid_from, valid_to, is_current) values (1, 'Twin', now(), 'infinity', true)`,
        )
        .catch((e: unknown) => e);
      expect((error as DatakitError).context.driverCode).toBe('23505');
    });

    it('refuses a run that would change history before the last change, and duplicate keys without `latest`', async () => {
      for (const strategy of ['stage', 'direct'] as const) {
        await db().query(`delete from mart.dim_customer where customer_key <> -1`);
        await batch(db(), [[1, 'Ada', null]]);
        const dim = customerDimension('close', strategy);
        await dim.run(db(), { ...schemas, at: day('2024-02-01') });
        await batch(db(), [[1, 'Ada', 'x']]);
        await dim.run(db(), { ...schemas, at: day('2024-03-01') });
        await batch(db(), [[1, 'Ada', 'y']]);
        await expect(dim.run(db(), { ...schemas, at: day('2024-02-15') }), strategy).rejects.toThrow(
          /is not after the dimension's last change/,
        );
        await batch(db(), [[1, 'Ada', 'x']]);
        expect((await dim.run(db(), { ...schemas, at: day('2024-02-15') })).rows.unchanged, strategy).toBe(1);
      }
      const withoutLatest = defineDimension(inLayer(dimCustomer, 'gold'), {
        from: inLayer(customerBatch, 'silver'),
        select: { customer_id: customerBatch.id, name: customerBatch.name, tier: customerBatch.tier },
        businessKey: ['customer_id'],
        surrogateKey: 'customer_key',
      });
      await batch(db(), [
        [1, 'Ada', 'x'],
        [5, 'Eve', null],
        [5, 'Eva', null],
      ]);
      const error = await withoutLatest
        .run(db(), { ...schemas, at: day('2024-04-01') })
        .catch((e: unknown) => e);
      expect((error as DatakitError).message).toMatch(
        /\(mart.dim_customer\): the source has 2 rows for key customer_id=5/,
      );
      expect((error as DatakitError).hint).toMatch(/Pass `latest`/);
    });

    scd2Property(db, options.propertyRuns);
    scd2Counts(db);

    if (options.concurrent) {
      it('lets one writer per dimension run at a time (advisory lock)', async () => {
        const other = await (options.concurrent as () => Promise<Connection>)();
        try {
          await batch(db(), [[1, 'Ada', null]]);
          let release: () => void = () => {};
          const held = new Promise<void>((r) => {
            release = r;
          });
          const holder = other.transaction(async (tx) => {
            await tx.query(
              `select pg_advisory_xact_lock(hashtext('datakit.dimension'), hashtext('mart.dim_customer'))`,
            );
            await held;
          });
          await new Promise((r) => setTimeout(r, 200));
          let done = false;
          const run = customerDimension('close')
            .run(db(), { ...schemas, at: day('2024-01-10') })
            .then((r) => {
              done = true;
              return r;
            });
          await new Promise((r) => setTimeout(r, 500));
          expect(done).toBe(false);
          release();
          await holder;
          expect((await run).rows.new).toBe(1);
        } finally {
          await other.close();
        }
      });
    }
  });

  describe('facts and aggregates', () => {
    async function seedFacts(conn: Connection) {
      await dateDimension.fill(conn, { ...schemas, from: '2024-01-01', to: '2024-12-31' });
      await batch(conn, [
        [1, 'Ada', 'gold'],
        [2, 'Bob', null],
      ]);
      await customerDimension('close').run(conn, { ...schemas, at: day('2024-02-01') });
      await batch(conn, [
        [1, 'Ada', 'platinum'],
        [2, 'Bob', null],
      ]);
      await customerDimension('close').run(conn, { ...schemas, at: day('2024-03-01') });
      await conn.query(
        `insert into clean_zone.product values ('p1', 'Pen', 'office'), ('p2', 'Desk', 'furniture')`,
      );
      await productDimension.run(conn, { ...schemas, at: day('2024-02-01') });
      await conn.query(
        `insert into clean_zone.order_line (order_id, line_no, customer_id, sku, ordered_at, quantity, amount) values
          (1, 1, 1, 'p1', '2024-01-15T10:00:00Z', 2, 3.00), (1, 2, 1, 'p2', '2024-01-15T10:00:00Z', 1, 150.00),
          (2, 1, 1, 'p1', '2024-03-15T10:00:00Z', 5, 7.50), (3, 1, 2, 'p9', '2024-03-20T10:00:00Z', 1, 9.99),
          (4, 1, 7, 'p2', '2024-04-01T10:00:00Z', 1, 140.00), (5, 1, 2, 'p1', '2025-06-01T10:00:00Z', 1, 1.00)`,
      );
    }

    it('looks up the dimension version valid at the event time, -1 when nothing matches, inferred members for late keys', async () => {
      await seedFacts(db());
      const result = await orderLineFact(customerDimension('close')).run(db(), {
        ...schemas,
        at: day('2024-04-02'),
      });
      expect(result.rows).toMatchObject({ written: 6, inferred: 1 });
      const facts = await textRows(
        db(),
        `select f.order_id, f.line_no, c.customer_id as customer, c.tier, c.is_inferred::text as inferred, f.product_key, f.date_key
         from mart.fact_order_line f join mart.dim_customer c on c.customer_key = f.customer_key order by 1, 2`,
      );
      expect(
        facts.map((f) => [
          f.order_id,
          f.customer,
          f.tier,
          f.inferred,
          f.product_key === '-1' ? 'unknown product' : 'product',
          f.date_key,
        ]),
      ).toEqual([
        ['1', '1', 'gold', 'false', 'product', '20240115'],
        ['1', '1', 'gold', 'false', 'product', '20240115'],
        ['2', '1', 'platinum', 'false', 'product', '20240315'],
        ['3', '2', null, 'false', 'unknown product', '20240320'],
        ['4', '7', null, 'true', 'product', '20240401'],
        ['5', '2', null, 'false', 'product', '-1'],
      ]);
      await batch(db(), [
        [1, 'Ada', 'platinum'],
        [2, 'Bob', null],
        [7, 'Gil', 'silver'],
      ]);
      const completed = await customerDimension('close').run(db(), { ...schemas, at: day('2024-04-03') });
      expect(completed.rows).toMatchObject({ inferred: 1, new: 0 });
      expect(
        await textRows(
          db(),
          `select name, tier, is_inferred::text as inferred, customer_key from mart.dim_customer where customer_id = 7`,
        ),
      ).toEqual([{ name: 'Gil', tier: 'silver', inferred: 'false', customer_key: expect.any(String) }]);
    });

    it('gives gold figures equal to the same figures computed by SQL on the source tables', async () => {
      await seedFacts(db());
      await orderLineFact(customerDimension('close')).run(db(), { ...schemas, at: day('2024-04-02') });
      await monthlyRevenueTransform.run(db(), schemas);
      const gold = await textRows(
        db(),
        'select year_month, category, lines, revenue from mart.monthly_revenue order by 1, 2',
      );
      const source = await textRows(
        db(),
        `select to_char(l.ordered_at at time zone 'UTC', 'YYYY-MM') as year_month, coalesce(p.category, 'Unknown') as category,
           count(*) as lines, sum(l.amount)::numeric(14,2) as revenue
         from clean_zone.order_line l left join clean_zone.product p on p.sku = l.sku
         where l.ordered_at < '2025-01-01' group by 1, 2 order by 1, 2`,
      );
      expect(gold).toEqual(source);
      expect(monthlyRevenueTransform.lineage.columns.find((c) => c.column === 'category')?.sources).toEqual([
        { table: 'dim_product', layer: 'gold', column: 'category' },
      ]);
    });
  });
}
