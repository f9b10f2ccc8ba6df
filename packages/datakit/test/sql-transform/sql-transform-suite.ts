import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/dialect/connection.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { defineSqlTransform } from '../../src/sql-transform/define-sql-transform.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { logicalTime } from '../../src/sql-transform/run-value.js';
import {
  createWarehouse,
  customer,
  customerHistory,
  employee,
  order,
  place,
  rawCustomer,
  rawEmployee,
  rawOrder,
  revenueByCountry,
  textRows,
} from './fixtures.js';
import { customerHistoryTransform, revenueTransform, silverCustomer, silverOrder } from './transforms.js';

const schemas = { place };
const SCHEMAS_CONTEXT = { place, rejects: { schema: 'datakit', name: 'rejects' } };

async function seedBronze(conn: Connection): Promise<void> {
  await conn.query(
    `insert into raw_zone.customer (id, name, email, status, country, updated_at, _load_id, _source_system, _source_table) values
      (1, ' Ada ', 'ADA@X.ORG', 'Act', 'gb', '2024-01-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer'),
      (1, ' Ada Lovelace ', ' Ada@X.org ', 'active', 'gb', '2024-03-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer'),
      (1, 'Ada L.', 'old@x.org', 'paused', 'gb', '2024-02-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer'),
      (2, 'Bob', 'bob@x.org', 'on hold', 'fr', '2024-01-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer'),
      (3, '   ', 'nobody@x.org', 'active', 'de', '2024-01-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer'),
      (4, 'Dan', 'dan-at-x.org', 'active', 'de', '2024-01-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer'),
      (5, 'Eve', 'eve@x.org', 'vip', 'de', '2024-01-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer'),
      (6, 'Fay', 'a-very-long-email-address-for-fay@example.org', 'active', 'de', '2024-01-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer'),
      (7, 'Gus', 'bob@x.org', 'churned', 'nl', '2024-01-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer'),
      (8, 'Hal', 'hal@x.org', 'active', null, '2024-01-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer')`,
  );
  await conn.query(
    `insert into raw_zone."order" (id, customer_id, amount, ordered_at) values
      (10, 1, '12.50', '2024-01-15T10:00:00Z'), (11, 1, '7.5', '2024-02-15T10:00:00Z'),
      (12, 2, '100', '2024-01-20T10:00:00Z'), (13, 8, '1.25', '2024-01-21T10:00:00Z'),
      (14, 99, '5', '2024-01-22T10:00:00Z'), (15, 2, 'ten', '2024-01-23T10:00:00Z'),
      (16, 2, '-3', '2024-01-24T10:00:00Z'), (17, null, '4', '2024-01-25T10:00:00Z')`,
  );
}

/**
 * Typed SQL transforms, silver conforming with set-based rejects, dispositions, lineage and
 * aggregates, against one warehouse connection (PostgreSQL or PGlite).
 */
export function sqlTransformSuite(db: () => Connection): void {
  const rows = (query: string, params: unknown[] = []) => textRows(db(), query, params);

  beforeEach(async () => {
    await createWarehouse(db(), [
      { table: rawCustomer, layer: 'bronze' },
      { table: rawOrder, layer: 'bronze' },
      { table: customer, layer: 'silver' },
      { table: order, layer: 'silver' },
      { table: customerHistory, layer: 'silver' },
      { table: revenueByCountry, layer: 'gold' },
      { table: rawEmployee, layer: 'bronze' },
      { table: employee, layer: 'silver' },
    ]);
    await seedBronze(db());
  });

  describe('silver conform', () => {
    it('dedupes on the business key keeping the latest version, trims and standardizes', async () => {
      const result = await silverCustomer().run(db(), schemas);
      expect(
        await rows('select id, name, email, status::text, country from clean_zone.customer order by id'),
      ).toEqual([
        { id: '1', name: 'Ada Lovelace', email: 'ada@x.org', status: 'active', country: 'GB' },
        { id: '2', name: 'Bob', email: 'bob@x.org', status: 'paused', country: 'FR' },
        { id: '8', name: 'Hal', email: 'hal@x.org', status: 'active', country: null },
      ]);
      expect(result.rows).toMatchObject({ staged: 8, written: 3, rejected: 5 });
    });

    it('with a where clause, dedupes first: a key whose latest row fails it is left out, not an older row', async () => {
      const pausedOnly = defineSqlTransform(inLayer(customer, 'silver'), {
        from: inLayer(rawCustomer, 'bronze'),
        dedupe: { key: [rawCustomer.id], latest: rawCustomer.updated_at },
        where: sql`${rawCustomer.status} in ('paused', 'on hold')`,
        select: {
          id: rawCustomer.id,
          name: sql<string>`trim(${rawCustomer.name})`,
          email: sql<string>`lower(trim(${rawCustomer.email}))`,
          status: sql<'paused'>`'paused'`,
          updated_at: rawCustomer.updated_at,
        },
        disposition: 'append',
      });
      // Customer 1 was paused on 2024-02-01 but is active since 2024-03-01: only Bob is paused now.
      expect((await pausedOnly.run(db(), schemas)).rows).toMatchObject({ written: 1 });
      expect(await rows('select id, name from clean_zone.customer')).toEqual([{ id: '2', name: 'Bob' }]);
    });

    it('with a window function in the select map, dedupes first: the window sees only the latest rows', async () => {
      const counted = defineSqlTransform(inLayer(customer, 'silver'), {
        from: inLayer(rawCustomer, 'bronze'),
        dedupe: { key: [rawCustomer.id], latest: rawCustomer.updated_at },
        select: {
          id: rawCustomer.id,
          name: sql<string>`'of ' || count(*) over ()`,
          email: sql<string>`${rawCustomer.id} || '@x.org'`,
          status: sql<'active'>`'active'`,
          updated_at: rawCustomer.updated_at,
        },
        disposition: 'append',
      });
      await counted.run(db(), schemas);
      // Ten bronze rows, eight customers.
      expect(await rows('select distinct name from clean_zone.customer')).toEqual([{ name: 'of 8' }]);
    });

    it('analyzes its stage, so a target analyzed while empty is not scanned once per staged row', async () => {
      await db().query(
        `insert into raw_zone.customer (id, name, email, status, country, updated_at, _load_id, _source_system, _source_table)
         select g + 100, 'C' || g, 'c' || g || '@x.org', 'active', 'gb', now(), gen_random_uuid(), 'system-a', 'customer'
         from generate_series(1, 20000) g`,
      );
      await db().query('analyze raw_zone.customer');
      await db().query('analyze clean_zone.customer');
      const compiled = silverCustomer().compile({
        ...SCHEMAS_CONTEXT,
        dialect: db().dialect,
        at: new Date(),
        loadId: '00000000-0000-4000-8000-000000000002',
      });
      const merge = compiled.statements.find((s) => s.step === 'merge');
      const plan = await db().transaction(async (tx) => {
        for (const s of compiled.statements) {
          if (s === merge) break;
          await tx.query(s.sql, s.params);
        }
        const { rows: lines } = await tx.query<Record<string, string>>(
          `explain ${merge?.sql}`,
          merge?.params,
        );
        return lines.map((l) => Object.values(l)[0]).join('\n');
      });
      expect(plan).not.toMatch(/Nested Loop/);
    });

    it('selects every failing row into the rejects table with its reason, set-based', async () => {
      const result = await silverCustomer().run(db(), {
        ...schemas,
        loadId: '00000000-0000-4000-8000-000000000001',
      });
      const rejects = await rows(
        `select "row"->>'id' as id, stage, "column", rule, message, hint is not null as has_hint, source_table, target_table, load_id::text
         from datakit.rejects order by ("row"->>'id')::int`,
      );
      expect(rejects.map((r) => [r.id, r.stage, r.column, r.rule])).toEqual([
        ['3', 'transform', 'name', 'name-present'],
        ['4', 'transform', 'email', 'email-format'],
        ['5', 'target', 'status', 'not-null'],
        ['6', 'target', 'email', 'max-length:40'],
        ['7', 'target', 'email', 'unique:email'],
      ]);
      expect(rejects[0]).toMatchObject({
        message: 'clean_zone.customer: the customer has no name (key id=3)',
        has_hint: 'true',
        source_table: 'raw_zone.customer',
        target_table: 'clean_zone.customer',
        load_id: '00000000-0000-4000-8000-000000000001',
      });
      expect(result.rows.rejected).toBe(5);
    });

    it('rejects orders whose customer is missing, whose amount is no number or breaks a check', async () => {
      await silverCustomer().run(db(), schemas);
      const result = await silverOrder.run(db(), schemas);
      expect(await rows('select id, customer_id, amount from clean_zone."order" order by id')).toEqual([
        { id: '10', customer_id: '1', amount: '12.50' },
        { id: '11', customer_id: '1', amount: '7.50' },
        { id: '12', customer_id: '2', amount: '100.00' },
        { id: '13', customer_id: '8', amount: '1.25' },
      ]);
      const rejects = await rows(
        `select "row"->>'id' as id, rule from datakit.rejects where target_table = 'clean_zone.order' order by 1`,
      );
      expect(rejects).toEqual([
        { id: '14', rule: 'foreign-key:customer' },
        { id: '15', rule: 'amount-number' },
        { id: '16', rule: 'check:order_amount_not_negative' },
        { id: '17', rule: 'foreign-key:customer' },
      ]);
      expect(result.rows).toMatchObject({ staged: 8, written: 4, rejected: 4 });
    });

    it('writes rejects and rows in one transaction: a failing write keeps neither', async () => {
      const unguarded = defineSqlTransform(inLayer(customer, 'silver'), {
        from: inLayer(rawCustomer, 'bronze'),
        select: {
          id: rawCustomer.id,
          name: sql<string>`${rawCustomer.name}`,
          email: sql<string>`${rawCustomer.email}`,
          status: sql<'active'>`'active'`,
          updated_at: rawCustomer.updated_at,
        },
        rules: [
          { name: 'email-format', check: sql`${rawCustomer.email} like '%@%'`, message: 'email has no @' },
        ],
        disposition: 'append',
      });
      const error = await unguarded.run(db(), schemas).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatakitError);
      expect((error as DatakitError).message).toMatch(
        /Transform "silver.customer" failed writing clean_zone.customer \(step insert\)/,
      );
      expect(await rows('select count(*) as n from datakit.rejects')).toEqual([{ n: '0' }]);
      expect(await rows('select count(*) as n from clean_zone.customer')).toEqual([{ n: '0' }]);
    });

    it('accepts a reference to the table itself when the parent is in the same batch or already loaded', async () => {
      const silverEmployee = defineSqlTransform(inLayer(employee, 'silver'), {
        from: inLayer(rawEmployee, 'bronze'),
        select: { id: rawEmployee.id, name: rawEmployee.name, manager_id: rawEmployee.manager_id },
        constrain: true,
        disposition: 'merge',
      });
      await db().query(
        `insert into raw_zone.employee values (1, 'Ada', null), (2, 'Bob', 1), (3, 'Cy', 4), (4, 'Di', 1)`,
      );
      expect((await silverEmployee.run(db(), schemas)).rows).toMatchObject({ written: 4, rejected: 0 });
      await db().query(`insert into raw_zone.employee values (5, 'Ed', 3), (6, 'Flo', 99)`);
      expect((await silverEmployee.run(db(), schemas)).rows).toMatchObject({ written: 1, rejected: 1 });
      expect(await rows('select id, manager_id from clean_zone.employee order by id')).toEqual([
        { id: '1', manager_id: null },
        { id: '2', manager_id: '1' },
        { id: '3', manager_id: '4' },
        { id: '4', manager_id: '1' },
        { id: '5', manager_id: '3' },
      ]);
      expect(await rows(`select "row"->>'id' as id, rule from datakit.rejects`)).toEqual([
        { id: '6', rule: 'foreign-key:employee' },
      ]);
    });

    it('fills lineage columns: this load, the bronze source system and table', async () => {
      const result = await silverCustomer().run(db(), schemas);
      expect(
        await rows(
          'select distinct _load_id::text as load, _source_system as sys, _source_table as tab from clean_zone.customer',
        ),
      ).toEqual([{ load: result.loadId, sys: 'system-a', tab: 'customer' }]);
    });
  });

  describe('dispositions', () => {
    it('merge inserts new keys, updates changed rows and leaves unchanged rows untouched', async () => {
      await silverCustomer().run(db(), schemas);
      const before = await rows('select id, xmin::text as x from clean_zone.customer order by id');
      await db().query(
        `insert into raw_zone.customer (id, name, email, status, country, updated_at, _load_id, _source_system, _source_table) values
          (2, 'Bob', 'bob@x.org', 'churned', 'fr', '2024-05-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer'),
          (9, 'Ivy', 'ivy@x.org', 'active', 'it', '2024-05-01T00:00:00Z', gen_random_uuid(), 'system-a', 'customer')`,
      );
      const result = await silverCustomer().run(db(), schemas);
      expect(result.rows.written).toBe(2);
      const after = await rows(
        'select id, status::text, xmin::text as x from clean_zone.customer order by id',
      );
      expect(after.map((r) => [r.id, r.status])).toEqual([
        ['1', 'active'],
        ['2', 'churned'],
        ['8', 'active'],
        ['9', 'active'],
      ]);
      expect(after.find((r) => r.id === '1')?.x).toBe(before.find((r) => r.id === '1')?.x);
      expect(after.find((r) => r.id === '2')?.x).not.toBe(before.find((r) => r.id === '2')?.x);
    });

    it('replace gives exactly the new result', async () => {
      await silverCustomer('replace').run(db(), schemas);
      await db().query('delete from raw_zone.customer where id = 8');
      const result = await silverCustomer('replace').run(db(), schemas);
      expect(result.rows).toMatchObject({ deleted: 3, written: 2 });
      expect(await rows('select id from clean_zone.customer order by id')).toEqual([
        { id: '1' },
        { id: '2' },
      ]);
    });

    it('append inserts, and rejects keys the target already has', async () => {
      await silverCustomer('append').run(db(), schemas);
      const again = await silverCustomer('append').run(db(), schemas);
      expect(again.rows.written).toBe(0);
      expect(await rows(`select count(*) as n from datakit.rejects where rule = 'existing-key'`)).toEqual([
        { n: '3' },
      ]);
    });

    it('history closes changed and deleted versions and opens new ones at the logical time', async () => {
      await silverCustomer().run(db(), schemas);
      const t1 = new Date('2024-06-01T00:00:00Z');
      const t2 = new Date('2024-07-01T00:00:00Z');
      await customerHistoryTransform('close').run(db(), { ...schemas, at: t1 });
      await db().query(`update clean_zone.customer set country = 'ES' where id = 2`);
      await db().query('delete from clean_zone.customer where id = 8');
      const result = await customerHistoryTransform('close').run(db(), { ...schemas, at: t2 });
      expect(result.rows).toMatchObject({ closed: 2, written: 1 });
      expect(
        await rows(
          `select id, country, to_char(lower(systime) at time zone 'UTC', 'YYYY-MM-DD') as since,
             case when upper_inf(systime) or upper(systime) = 'infinity' then 'open' else to_char(upper(systime) at time zone 'UTC', 'YYYY-MM-DD') end as until
           from clean_zone.customer_history order by id, lower(systime)`,
        ),
      ).toEqual([
        { id: '1', country: 'GB', since: '2024-06-01', until: 'open' },
        { id: '2', country: 'FR', since: '2024-06-01', until: '2024-07-01' },
        { id: '2', country: 'ES', since: '2024-07-01', until: 'open' },
        { id: '8', country: null, since: '2024-06-01', until: '2024-07-01' },
      ]);
    });
  });

  describe('aggregates and joins', () => {
    it('groups silver into a gold aggregate equal to the same figures in plain SQL', async () => {
      await silverCustomer().run(db(), schemas);
      await silverOrder.run(db(), schemas);
      await revenueTransform.run(db(), schemas);
      const gold = await rows(
        `select country, to_char(month at time zone 'UTC', 'YYYY-MM') as month, orders, revenue from mart.revenue_by_country order by 1, 2`,
      );
      const plain = await rows(
        `select coalesce(c.country, '??') as country, to_char(date_trunc('month', o.ordered_at, 'UTC') at time zone 'UTC', 'YYYY-MM') as month,
           count(*) as orders, sum(o.amount)::numeric(14,2) as revenue
         from clean_zone."order" o join clean_zone.customer c on c.id = o.customer_id group by 1, 2 order by 1, 2`,
      );
      expect(gold).toEqual(plain);
      expect(gold.length).toBeGreaterThan(0);
    });

    it('passes values as parameters and the logical time to where clauses', async () => {
      const recent = defineSqlTransform(inLayer(order, 'silver'), {
        from: inLayer(rawOrder, 'bronze'),
        select: {
          id: rawOrder.id,
          customer_id: sql<number>`1`,
          amount: sql<string>`'0'`,
          ordered_at: rawOrder.ordered_at,
        },
        where: sql`${rawOrder.ordered_at} >= ${logicalTime} - interval '3 days' and ${rawOrder.amount} <> ${"'; drop table x; --"}`,
        disposition: 'append',
      });
      await silverCustomer().run(db(), schemas);
      await recent.run(db(), { ...schemas, at: new Date('2024-01-25T12:00:00Z') });
      // ordered on or after 2024-01-22 12:00: the 11th (February), 15th, 16th and 17th
      expect(await rows('select id from clean_zone."order" order by id')).toEqual([
        { id: '11' },
        { id: '15' },
        { id: '16' },
        { id: '17' },
      ]);
    });
  });
}
