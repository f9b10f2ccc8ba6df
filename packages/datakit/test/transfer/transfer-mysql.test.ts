import {
  datetime,
  decimal,
  int,
  boolean as myBoolean,
  json as myJson,
  mysqlTable,
  text as myText,
  varchar as myVarchar,
} from 'drizzle-orm/mysql-core';
import { boolean, integer, jsonb, numeric, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { defineTransform } from '../../src/contract/define-transform.js';
import { lineageColumns } from '../../src/contract/lineage-columns.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';

const orders = mysqlTable('orders', {
  order_id: int().primaryKey(),
  customer: myVarchar({ length: 100 }).notNull(),
  amount: decimal({ precision: 12, scale: 2 }).notNull(),
  paid: myBoolean().notNull(),
  placed_at: datetime().notNull(),
  note: myText(),
  tags: myJson().$type<string[]>(),
});

const bronzeOrders = pgSchema('bronze_d').table('orders', {
  order_id: integer().primaryKey(),
  customer: text().notNull(),
  amount: numeric({ precision: 12, scale: 2 }).notNull(),
  paid: boolean().notNull(),
  placed_at: timestamp({ withTimezone: true }).notNull(),
  note: text(),
  tags: jsonb().$type<string[]>(),
  ...lineageColumns(),
});

const toBronze = defineTransform(orders, bronzeOrders, (row) => ({ ...row, customer: row.customer.trim() }));

const EXPECTED = `select concat_ws('|', order_id, customer, amount, paid, to_char(placed_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'),
  coalesce(note, '<null>'), coalesce(tags::text, '<null>')) as r from bronze_d.orders order by order_id`;

await describeServer('mysql', 'transfer MariaDB → PostgreSQL', () => {
  let mysqlDb: TestDatabase;
  let pgDb: TestDatabase;
  let source: Connection;
  let warehouse: Connection;
  beforeAll(async () => {
    mysqlDb = await createTestDatabase('mysql', 'transfer_my');
    pgDb = await createTestDatabase('postgres', 'transfer_my_dw');
    source = await connect(mysqlDb.url);
    warehouse = await connect(pgDb.url);
  });
  afterAll(async () => {
    await source?.close();
    await warehouse?.close();
    await mysqlDb?.drop();
    await pgDb?.drop();
  });
  beforeEach(async () => {
    await source.query('drop table if exists orders');
    await source.query(`create table orders (order_id int primary key, customer varchar(100) not null, amount decimal(12,2) not null,
      paid tinyint(1) not null, placed_at datetime not null, note text, tags json)`);
    const values = Array.from({ length: 300 }, (_, i) => {
      const id = i + 1;
      return [
        id,
        ` Kunde ${id} – Müller 😀 `,
        `${id * 1000}.${String(id % 100).padStart(2, '0')}`,
        id % 2,
        `2024-03-${String((id % 28) + 1).padStart(2, '0')} 10:${String(id % 60).padStart(2, '0')}:00`,
        id % 4 === 0 ? null : `line1\nline2\ttab \\ back`,
        id % 3 === 0 ? null : JSON.stringify([`t${id}`, 'x']),
      ];
    });
    for (const v of values) await source.query('insert into orders values (?, ?, ?, ?, ?, ?, ?)', v);
    await warehouse.query('drop schema if exists bronze_d cascade');
    await warehouse.query('create schema bronze_d');
    await warehouse.query(`create table bronze_d.orders (order_id integer primary key, customer text not null, amount numeric(12,2) not null,
      paid boolean not null, placed_at timestamptz not null, note text, tags jsonb, _load_id uuid not null, _loaded_at timestamptz not null,
      _source_system text not null, _source_table text not null)`);
  });

  it('loads every row with exact values (decimal, unicode, escapes, booleans, datetimes, json)', async () => {
    const result = await transfer({
      from: source,
      to: warehouse,
      transform: toBronze,
      sourceDatakit: { name: 'system-d', version: '1.0.0', system: 'system-d' },
    });
    expect(result.rows).toMatchObject({ read: 300, loaded: 300, rejected: 0 });
    const { rows } = await warehouse.query<{ r: string }>(EXPECTED);
    expect(rows).toHaveLength(300);
    expect(rows[0]?.r).toBe(
      '1|Kunde 1 – Müller 😀|1000.01|t|2024-03-02 10:01:00|line1\nline2\ttab \\ back|["t1", "x"]',
    );
    expect(rows[3]?.r).toBe('4|Kunde 4 – Müller 😀|4000.04|f|2024-03-05 10:04:00|<null>|["t4", "x"]');
    expect(rows[2]?.r).toMatch(/\|<null>$/);
    const lineage = await warehouse.query<{ s: string }>(
      `select distinct _source_system || '/' || _source_table as s from bronze_d.orders`,
    );
    expect(lineage.rows).toEqual([{ s: 'system-d/orders' }]);
  });

  it('reads key ranges in parallel and merges incrementally by cursor', async () => {
    const first = await transfer({
      from: source,
      to: warehouse,
      transform: toBronze,
      disposition: 'merge',
      cursor: 'placed_at',
      partitions: 3,
    });
    expect(first.partitions).toBe(3);
    expect(first.rows).toMatchObject({ read: 300, inserted: 300 });
    await source.query(
      `update orders set amount = 1.5, placed_at = '2025-01-01 00:00:00' where order_id in (7, 8)`,
    );
    const second = await transfer({
      from: source,
      to: warehouse,
      transform: toBronze,
      disposition: 'merge',
      cursor: 'placed_at',
      partitions: 3,
    });
    expect(second.rows).toMatchObject({ read: 2, updated: 2, inserted: 0 });
    expect(second.cursor?.to).toBe('2025-01-01 00:00:00');
    const { rows } = await warehouse.query<{ n: string }>(
      `select count(*) as n from bronze_d.orders where amount = 1.5`,
    );
    expect(rows[0]?.n).toBe('2');
  });
});
