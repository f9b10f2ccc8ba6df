import { sql } from 'drizzle-orm';
import { int, mysqlEnum, mysqlTable, varchar as myVarchar } from 'drizzle-orm/mysql-core';
import {
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
  vector,
} from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { fromDrizzle } from '../../src/contract/from-drizzle.js';
import { DatakitError } from '../../src/errors/datakit-error.js';

const status = pgEnum('customer_status', ['active', 'blocked']);
const customer = pgTable(
  'customer',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    email: varchar({ length: 200 }).notNull(),
    status: status().notNull().default('active'),
    balance: numeric({ precision: 12, scale: 2 }),
    tags: text().array(),
    vip: boolean().default(false),
    created_at: timestamp({ withTimezone: true, precision: 3 }).defaultNow().notNull(),
    ext_id: uuid().unique('customer_ext_id_key'),
    doc: jsonb(),
  },
  (t) => [index('customer_email_idx').on(t.email), check('balance_positive', sql`${t.balance} >= 0`)],
);
const address = pgTable(
  'address',
  {
    customer_id: integer().notNull(),
    kind: text().notNull(),
    line1: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customer_id, t.kind] }),
    foreignKey({ columns: [t.customer_id], foreignColumns: [customer.id] }).onDelete('cascade'),
    unique('address_line1_key').on(t.line1, t.kind),
  ],
);

describe('fromDrizzle', () => {
  it('maps PostgreSQL columns, keys, enums, defaults, indexes and checks', () => {
    const schema = fromDrizzle(customer);
    expect(schema.name).toBe('customer');
    expect(schema.primaryKey).toEqual({ columns: ['id'] });
    const byName = Object.fromEntries(schema.columns.map((c) => [c.name, c]));
    expect(byName.id).toMatchObject({ type: { kind: 'integer' }, nullable: false, generated: 'identity' });
    expect(byName.email).toMatchObject({ type: { kind: 'varchar', length: 200 }, nullable: false });
    expect(byName.status).toMatchObject({
      type: { kind: 'enum', enumName: 'customer_status', enumValues: ['active', 'blocked'] },
      default: "'active'",
    });
    expect(byName.balance?.type).toMatchObject({ kind: 'numeric', precision: 12, scale: 2 });
    expect(byName.tags?.type).toMatchObject({ kind: 'text', dimensions: 1 });
    expect(byName.vip?.default).toBe('false');
    expect(byName.created_at).toMatchObject({
      type: { kind: 'timestamptz', precision: 3 },
      default: 'now()',
    });
    expect(schema.uniques).toEqual([{ name: 'customer_ext_id_key', columns: ['ext_id'] }]);
    expect(schema.indexes).toEqual([{ name: 'customer_email_idx', columns: ['email'], unique: false }]);
    expect(schema.checks).toEqual([{ name: 'balance_positive', expression: '"balance" >= 0' }]);
  });

  it('maps composite keys, foreign keys with actions and unique constraints', () => {
    const schema = fromDrizzle(address);
    expect(schema.primaryKey?.columns).toEqual(['customer_id', 'kind']);
    expect(schema.foreignKeys).toEqual([
      expect.objectContaining({
        columns: ['customer_id'],
        references: { table: 'customer', columns: ['id'] },
        onDelete: 'cascade',
      }),
    ]);
    expect(schema.uniques).toEqual([{ name: 'address_line1_key', columns: ['line1', 'kind'] }]);
  });

  it('maps MySQL tables with inline enums and auto-increment', () => {
    const orders = mysqlTable('orders', {
      order_id: int().primaryKey().autoincrement(),
      state: mysqlEnum(['new', "it's paid"]).notNull(),
      note: myVarchar({ length: 50 }),
    });
    const schema = fromDrizzle(orders);
    expect(schema.columns[0]).toMatchObject({ name: 'order_id', generated: 'identity' });
    expect(schema.columns[1]?.type).toMatchObject({ kind: 'enum', enumValues: ['new', "it's paid"] });
    expect(schema.columns[2]).toMatchObject({ type: { kind: 'varchar', length: 50 }, nullable: true });
  });

  it('maps money, and carries a type it has no kind for as a raw pass-through', () => {
    const money = customType<{ data: string }>({ dataType: () => 'money' });
    const hstore = customType<{ data: string }>({ dataType: () => 'hstore' });
    const invoice = pgTable('invoice', { total: money(), tags: hstore().array() });
    const [total, tags] = fromDrizzle(invoice, { datakit: 'billing' }).columns;
    expect(total?.type).toEqual({ kind: 'money', raw: 'money' });
    expect(tags?.type).toEqual({ kind: 'unknown', raw: 'hstore[]', dimensions: 1 });
  });

  it('rejects a built-in column type it cannot map, naming table, column and type', () => {
    const bad = pgTable('invoice', { total: vector({ dimensions: 3 }) });
    expect(() => fromDrizzle(bad, { datakit: 'billing' })).toThrowError(DatakitError);
    try {
      fromDrizzle(bad, { datakit: 'billing' });
    } catch (error) {
      const e = error as DatakitError;
      expect(e.message).toContain('"invoice"."total"');
      expect(e.message).toContain('vector(3)');
      expect(e.context).toMatchObject({ datakit: 'billing', table: 'invoice', column: 'total' });
      expect(e.hint).toBeTruthy();
    }
  });
});
