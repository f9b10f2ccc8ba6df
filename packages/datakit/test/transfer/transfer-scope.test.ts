import { integer, pgSchema, primaryKey } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lineageColumns } from '../../src/contract/lineage-columns.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
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

/** A bronze.customer twin in another schema, made from the same contract. */
async function createTwin(conn: Connection, schema: string): Promise<void> {
  await conn.query(`drop schema if exists ${schema} cascade`);
  await conn.query(`create schema ${schema}`);
  await conn.query(`create table ${schema}.customer (like bronze.customer including all)`);
}

const count = async (conn: Connection, sql: string, params: unknown[] = []) =>
  Number((await conn.query<{ n: string }>(sql, params)).rows[0]?.n);

function scopeSuite(db: () => { source: Connection; warehouse: Connection }) {
  beforeEach(async () => {
    const { source, warehouse } = db();
    await createSource(source);
    await createBronze(warehouse);
    await insertSource(source, seedRows(200));
  });

  it('keeps the cursors of two warehouses with same-named transfers apart', async () => {
    const { source, warehouse } = db();
    await createTwin(warehouse, 'bronze_b');
    const load = (warehouseName: string, targetSchema: string) =>
      transfer({
        from: source,
        to: warehouse,
        transform: toBronze,
        disposition: 'merge',
        cursor: 'updated_at',
        name: 'customer',
        warehouse: warehouseName,
        targetSchema,
      });
    const a1 = await load('a', 'bronze');
    expect(a1.rows.read).toBe(200);
    await insertSource(source, seedRows(50, 1000));
    const a2 = await load('a', 'bronze');
    expect(a2.rows.read).toBe(50);
    // Warehouse b's first load of its own "customer" transfer reads everything, not what a left over.
    const b1 = await load('b', 'bronze_b');
    expect(b1.rows.read).toBe(250);
    expect(b1.target).toBe('bronze_b.customer');
    expect(await bronzeRows(warehouse, 'bronze_b.customer')).toEqual(await expectedRows(source));
    const { rows } = await warehouse.query<{ warehouse: string; target_table: string }>(
      `select warehouse, target_table from datakit.cursors where transfer = 'customer' order by warehouse`,
    );
    expect(rows).toEqual([
      { warehouse: 'a', target_table: 'bronze.customer' },
      { warehouse: 'b', target_table: 'bronze_b.customer' },
    ]);
  });

  it('refuses a cursor saved for another source table, and reads all with resetCursor', async () => {
    const { source, warehouse } = db();
    await transfer({
      from: source,
      to: warehouse,
      transform: toBronze,
      disposition: 'merge',
      cursor: 'updated_at',
      name: 'customer',
    });
    await source.query('create schema if not exists crm_v2');
    await source.query('drop table if exists crm_v2.customer');
    await source.query('create table crm_v2.customer (like crm.customer including all)');
    await source.query('insert into crm_v2.customer select * from crm.customer');
    const moved = {
      from: source,
      to: warehouse,
      transform: toBronze,
      disposition: 'merge' as const,
      cursor: 'updated_at' as const,
      name: 'customer',
      sourceSchema: 'crm_v2',
    };
    const error = (await transfer(moved).catch((e: unknown) => e)) as DatakitError;
    expect(error).toBeInstanceOf(DatakitError);
    expect(error.message).toMatch(
      /was saved for source table \S+\.crm\.customer, but this load uses \S+\.crm_v2\.customer/,
    );
    expect(error.hint).toContain('resetCursor');
    const reset = await transfer({ ...moved, resetCursor: true });
    expect(reset.rows).toMatchObject({ read: 200, unchanged: 200 });
    const again = await transfer(moved);
    expect(again.rows.read).toBe(0);
  });

  it('merges a key-only link table: new keys inserted, existing rows left untouched, a re-run all unchanged', async () => {
    const { source, warehouse } = db();
    const crm = pgSchema('crm');
    const bronze = pgSchema('bronze');
    const tag = crm.table(
      'customer_tag',
      { customer_id: integer().notNull(), tag_id: integer().notNull() },
      (t) => [primaryKey({ columns: [t.customer_id, t.tag_id] })],
    );
    const bronzeTag = bronze.table(
      'customer_tag',
      { customer_id: integer().notNull(), tag_id: integer().notNull(), ...lineageColumns() },
      (t) => [primaryKey({ columns: [t.customer_id, t.tag_id] })],
    );
    await source.query(
      'create table crm.customer_tag (customer_id integer, tag_id integer, primary key (customer_id, tag_id))',
    );
    await source.query(
      'insert into crm.customer_tag select i, t from generate_series(1, 100) i, generate_series(1, 3) t',
    );
    await warehouse.query(`create table bronze.customer_tag (customer_id integer, tag_id integer, "_load_id" uuid not null,
      "_loaded_at" timestamptz not null default now(), "_source_system" text not null, "_source_table" text not null,
      primary key (customer_id, tag_id))`);
    const first = await transfer({
      from: source,
      to: warehouse,
      source: tag,
      target: bronzeTag,
      disposition: 'merge',
    });
    expect(first.rows).toMatchObject({ read: 300, inserted: 300, updated: 0, unchanged: 0 });
    const again = await transfer({
      from: source,
      to: warehouse,
      source: tag,
      target: bronzeTag,
      disposition: 'merge',
    });
    expect(again.rows).toMatchObject({ read: 300, inserted: 0, updated: 0, unchanged: 300 });
    expect(
      await count(warehouse, 'select count(*) as n from bronze.customer_tag where _load_id = $1', [
        first.loadId,
      ]),
    ).toBe(300);
    await source.query('insert into crm.customer_tag values (1, 9), (2, 9)');
    const third = await transfer({
      from: source,
      to: warehouse,
      source: tag,
      target: bronzeTag,
      disposition: 'merge',
    });
    expect(third.rows).toMatchObject({ read: 302, inserted: 2, updated: 0, unchanged: 300 });
  });
}

describe('transfer scope [pglite]', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await connect('pglite://memory');
  });
  afterAll(() => conn.close());
  scopeSuite(() => ({ source: conn, warehouse: conn }));
});

await describeServer('postgres', 'transfer scope', () => {
  let sourceDb: TestDatabase;
  let warehouseDb: TestDatabase;
  let source: Connection;
  let warehouse: Connection;
  beforeAll(async () => {
    sourceDb = await createTestDatabase('postgres', 'scope_src');
    warehouseDb = await createTestDatabase('postgres', 'scope_dw');
    source = await connect(sourceDb.url);
    warehouse = await connect(warehouseDb.url);
  });
  afterAll(async () => {
    await source?.close();
    await warehouse?.close();
    await sourceDb?.drop();
    await warehouseDb?.drop();
  });
  scopeSuite(() => ({ source, warehouse }));

  it('one pooled warehouse connection serves two transfers into different schemas at once', async () => {
    await createTwin(warehouse, 'staging');
    await source.query(`update crm.customer set email = '${'x'.repeat(41)}' where customer_id in (7, 8)`);
    const [bronze, staging] = await Promise.all([
      transfer({
        from: source,
        to: warehouse,
        transform: toBronze,
        targetSchema: 'bronze',
        name: 'to-bronze',
      }),
      transfer({
        from: source,
        to: warehouse,
        transform: toBronze,
        targetSchema: 'staging',
        name: 'to-staging',
      }),
    ]);
    expect([bronze.target, staging.target]).toEqual(['bronze.customer', 'staging.customer']);
    expect([bronze.rows.loaded, staging.rows.loaded]).toEqual([198, 198]);
    const expected = (await expectedRows(source)).filter((r) => !/^[78]\|/.test(r));
    expect(await bronzeRows(warehouse, 'bronze.customer')).toEqual(expected);
    expect(await bronzeRows(warehouse, 'staging.customer')).toEqual(expected);
    const loads = await warehouse.query<{ transfer: string; target_table: string }>(
      'select transfer, target_table from datakit.loads order by transfer',
    );
    expect(loads.rows).toEqual([
      { transfer: 'to-bronze', target_table: 'bronze.customer' },
      { transfer: 'to-staging', target_table: 'staging.customer' },
    ]);
    const rejects = await warehouse.query<{ target_table: string; n: number }>(
      'select target_table, count(*)::int as n from datakit.rejects group by 1 order by 1',
    );
    expect(rejects.rows).toEqual([
      { target_table: 'bronze.customer', n: 2 },
      { target_table: 'staging.customer', n: 2 },
    ]);
    const { rows } = await warehouse.query<{ search_path: string }>('show search_path');
    expect(rows[0]?.search_path).toBe('"$user", public');
  });
});
