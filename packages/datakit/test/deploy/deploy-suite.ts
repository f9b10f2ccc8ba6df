import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WarehouseConfig } from '../../src/config/define-config.js';
import { transactional } from '../../src/contract/audit-mixins.js';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { deployWarehouse } from '../../src/deploy/deploy-warehouse.js';
import type { Connection } from '../../src/dialect/connection.js';
import { DatakitError } from '../../src/errors/datakit-error.js';

const status = pgEnum('status', ['new', 'active']);
const customer = pgTable('customer', {
  id: integer().primaryKey(),
  email: varchar({ length: 200 }).notNull().unique(),
  status: status().notNull().default('new'),
  created_at: timestamp({ withTimezone: true }).defaultNow().notNull(),
});
const order = pgTable(
  'order',
  {
    id: integer().primaryKey(),
    customer_id: integer()
      .notNull()
      .references(() => customer.id),
    amount: integer().notNull(),
  },
  (t) => [index('order_customer_idx').on(t.customer_id), check('amount_positive', sql`${t.amount} > 0`)],
);
const v1 = defineDatakit({ name: 'shop', version: '1.0.0', layer: 'bronze', tables: { customer, order } });

const weird = pgTable('we"ird table', { 'select * from x; --': text(), id: integer().primaryKey() });
const weirdKit = defineDatakit({ name: 'weird', version: '1.0.0', layer: 'bronze', tables: { weird } });

function warehouse(kits: WarehouseConfig['layers']): WarehouseConfig {
  return { layers: kits, environments: { dev: { url: 'unused' } } };
}

/**
 * The deploy behaviour every PostgreSQL-family warehouse must show; `open` gives a connection to
 * an empty database.
 */
export function deploySuite(open: () => Promise<Connection>): void {
  let conn: Connection;
  beforeAll(async () => {
    conn = await open();
  });
  afterAll(async () => {
    await conn?.close();
  });

  it('plans bronze without constraints and silver with all of them, changing nothing', async () => {
    const result = await deployWarehouse({
      warehouse: warehouse({ bronze: { datakits: [v1] }, silver: { datakits: [v1] } }),
      connection: conn,
    });
    expect(result.status).toBe('planned');
    const statements = result.plan.steps.flatMap((s) => s.statements).join('\n');
    // One enum type per layer schema, created once even though bronze and silver tables share it.
    expect(statements.match(/CREATE TYPE/g)).toHaveLength(2);
    expect(statements).toContain('"bronze"."customer"');
    expect(statements).toContain('"silver"."order"');
    const bronzeSql = result.plan.steps
      .filter((s) => s.target.startsWith('bronze'))
      .flatMap((s) => s.statements)
      .join('\n');
    expect(bronzeSql.toLowerCase()).not.toMatch(/foreign key|references|unique|check/);
    const silverSql = result.plan.steps
      .filter((s) => s.target.startsWith('silver'))
      .flatMap((s) => s.statements)
      .join('\n')
      .toLowerCase();
    expect(silverSql).toMatch(/references "silver"."customer"/);
    expect(silverSql).toContain('unique');
    expect(silverSql).toContain('amount_positive');
    expect(silverSql).toContain('order_customer_idx');
    const { rows } = await conn.query<{ n: number }>(
      "select count(*)::int as n from information_schema.schemata where schema_name in ('bronze', 'silver')",
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('applies, then a second deploy is a no-op', async () => {
    const config = warehouse({ bronze: { datakits: [v1, weirdKit] }, silver: { datakits: [v1] } });
    const first = await deployWarehouse({ warehouse: config, connection: conn, apply: true });
    expect(first.status).toBe('applied');
    expect(first.plan.destructive).toEqual([]);
    const second = await deployWarehouse({ warehouse: config, connection: conn, apply: true });
    expect(second.plan.steps.map((s) => `${s.action} ${s.target}: ${s.reason}`)).toEqual([]);
    expect(second.status).toBe('unchanged');
    await conn.query('insert into "bronze"."we""ird table" ("select * from x; --", id) values ($1, $2)', [
      "'); drop table x; --",
      1,
    ]);
    const { rows } = await conn.query<{ v: string }>(
      'select "select * from x; --" as v from "bronze"."we""ird table"',
    );
    expect(rows[0]?.v).toBe("'); drop table x; --");
  });

  it('applies additive changes: new table, new nullable column, new index, new enum value', async () => {
    const status2 = pgEnum('status', ['new', 'active', 'closed']);
    const customer2 = pgTable(
      'customer',
      {
        id: integer().primaryKey(),
        email: varchar({ length: 200 }).notNull().unique(),
        status: status2().notNull().default('new'),
        created_at: timestamp({ withTimezone: true }).defaultNow().notNull(),
        phone: text(),
      },
      (t) => [index('customer_phone_idx').on(t.phone)],
    );
    const note = pgTable('note', { id: integer().primaryKey(), body: text().notNull() });
    const v2 = defineDatakit({
      name: 'shop',
      version: '1.1.0',
      layer: 'bronze',
      tables: { customer: customer2, order, note },
    });
    const config = warehouse({ bronze: { datakits: [v2] }, silver: { datakits: [v2] } });
    const result = await deployWarehouse({ warehouse: config, connection: conn, apply: true });
    expect(result.status).toBe('applied');
    const actions = result.plan.steps.map((s) => `${s.action} ${s.target}`);
    expect(actions).toContain('add-column bronze.customer.phone');
    expect(actions).toContain('create-table silver.note');
    expect(actions).toContain('create-index silver.customer.customer_phone_idx');
    expect(actions).toContain('add-enum-values silver.status');
    expect(actions).not.toContain('create-index bronze.customer.customer_phone_idx');
    const again = await deployWarehouse({ warehouse: config, connection: conn, apply: true });
    expect(again.plan.steps.map((s) => `${s.action} ${s.target}: ${s.reason}`)).toEqual([]);
  });

  it('refuses destructive changes with the list of what and why, unless allowed', async () => {
    const customer3 = pgTable('customer', {
      id: integer().primaryKey(),
      email: text().notNull(),
      status: status().notNull().default('new'),
      created_at: timestamp({ withTimezone: true }).defaultNow().notNull(),
      phone: text(),
      tier: integer().notNull(),
    });
    const v3 = defineDatakit({
      name: 'shop',
      version: '2.0.0',
      layer: 'bronze',
      tables: { customer: customer3 },
    });
    const config = warehouse({ bronze: { datakits: [v3] } });
    await conn.query('insert into "bronze"."customer" (id, email) values (1, $1)', ['a@example.com']);
    const refused = await deployWarehouse({ warehouse: config, connection: conn, apply: true });
    expect(refused.status).toBe('refused');
    const reasons = refused.plan.destructive.map((s) => `${s.action} ${s.target}`);
    expect(reasons).toEqual(['add-column bronze.customer.tier']);
    expect(refused.plan.destructive[0]?.reason).toContain('NOT NULL');
    // varchar(200) → text loses nothing: it is additive, applied without --allow-destructive.
    expect(refused.plan.steps.find((s) => s.target === 'bronze.customer.email')).toMatchObject({
      action: 'alter-column-type',
      destructive: false,
    });
    expect(refused.plan.notes).toEqual([
      expect.stringMatching(/"bronze"."customer"."status".*added 'closed'/),
    ]);
    const { rows } = await conn.query<{ n: number }>(
      "select count(*)::int as n from information_schema.columns where table_schema = 'bronze' and table_name = 'customer' and column_name = 'tier'",
    );
    expect(rows[0]?.n).toBe(0);
    await conn.query('delete from "bronze"."customer"');
    const allowed = await deployWarehouse({
      warehouse: config,
      connection: conn,
      apply: true,
      allowDestructive: true,
    });
    expect(allowed.status).toBe('applied');
    const after = await deployWarehouse({ warehouse: config, connection: conn });
    expect(after.status).toBe('unchanged');
  });

  const byId = pgTable('price', {
    id: integer().primaryKey(),
    amount: integer().notNull(),
    ...transactional(),
  });
  const versioned = pgTable(
    'price',
    { id: integer().notNull(), amount: integer().notNull(), ...transactional() },
    (t) => [primaryKey({ columns: [t.id, t.systime] })],
  );

  it('refuses a history table whose primary key lacks systime, naming the table and the fix', async () => {
    const kit = defineDatakit({
      name: 'prices',
      version: '1.0.0',
      layer: 'bronze',
      tables: { price: byId },
      options: { writeDisposition: 'history' },
    });
    const error = await deployWarehouse({
      warehouse: warehouse({ bronze: { datakits: [kit] } }),
      connection: conn,
      apply: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatakitError);
    const deploy = error as DatakitError;
    expect(deploy.code).toBe('DEPLOY');
    expect(deploy.message).toContain('"bronze"."price" has primary key (id) without "systime"');
    expect(deploy.message).toContain('duplicate key');
    expect(deploy.hint).toContain('primaryKey({ columns: [t.id, t.systime] })');
    expect(deploy.context).toMatchObject({ datakit: 'prices', schema: 'bronze', table: 'price' });
    const { rows } = await conn.query<{ n: number }>(
      "select count(*)::int as n from information_schema.tables where table_schema = 'bronze' and table_name = 'price'",
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('refuses it too when a transfer writes it with history, and deploys it once systime is in the key', async () => {
    const kit = defineDatakit({ name: 'prices', version: '1.0.0', layer: 'bronze', tables: { price: byId } });
    const source = pgTable('price', { id: integer().primaryKey(), amount: integer().notNull() });
    const config = (
      target: typeof byId | typeof versioned,
      layers: WarehouseConfig['layers'],
    ): WarehouseConfig => ({
      ...warehouse(layers),
      transfers: { price: { from: 'erp', source, target, disposition: 'history' } },
    });
    await expect(
      deployWarehouse({ warehouse: config(byId, { bronze: { datakits: [kit] } }), connection: conn }),
    ).rejects.toThrow(/"bronze"."price" has primary key \(id\) without "systime"/);
    const fixed = defineDatakit({
      name: 'prices',
      version: '1.1.0',
      layer: 'bronze',
      tables: { price: versioned },
    });
    const result = await deployWarehouse({
      warehouse: config(versioned, { bronze: { datakits: [fixed] } }),
      connection: conn,
      apply: true,
    });
    expect(result.status).toBe('applied');
  });
}
