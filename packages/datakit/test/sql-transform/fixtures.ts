import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  char,
  check,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { fromDrizzle } from '../../src/contract/from-drizzle.js';
import { lineageColumns } from '../../src/contract/lineage-columns.js';
import { tstzrange } from '../../src/contract/tstzrange.js';
import type { Connection } from '../../src/dialect/connection.js';
import type { PlaceTable } from '../../src/sql-transform/resolve-table.js';
import { migrateStore } from '../../src/store/migrate-store.js';
import { layerTable } from '../../src/warehouse/layer-table.js';

/** Layer → schema of the suites: not the layer names, so placement is really exercised. */
export const SCHEMAS = { bronze: 'raw_zone', silver: 'clean_zone', gold: 'mart' } as const;

/** Places a layer's table in the suites' schema of that layer ({@link SCHEMAS}). */
export const place: PlaceTable = (ref) =>
  ref.layer === undefined
    ? { ...(ref.schema === undefined ? {} : { schema: ref.schema }), name: ref.name }
    : { schema: SCHEMAS[ref.layer as keyof typeof SCHEMAS] ?? ref.layer, name: ref.name };

/** Bronze customer: raw text as System A sent it, several versions per id, no constraints. */
export const rawCustomer = pgTable('customer', {
  id: integer().notNull(),
  name: text(),
  email: text(),
  status: text(),
  country: text(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
  ...lineageColumns(),
});

export const customerStatus = pgEnum('customer_status', ['active', 'paused', 'churned']);

/** Silver customer: every constraint of the contract. */
export const customer = pgTable('customer', {
  id: integer().primaryKey(),
  name: text().notNull(),
  email: varchar({ length: 40 }).notNull().unique(),
  status: customerStatus().notNull(),
  country: char({ length: 2 }),
  updated_at: timestamp({ withTimezone: true }).notNull(),
  ...lineageColumns(),
});

/** Bronze order: amounts as text. A reserved word as table name on purpose. */
export const rawOrder = pgTable('order', {
  id: integer().notNull(),
  customer_id: integer(),
  amount: text(),
  ordered_at: timestamp({ withTimezone: true }).notNull(),
});

export const order = pgTable(
  'order',
  {
    id: integer().primaryKey(),
    customer_id: integer()
      .notNull()
      .references(() => customer.id),
    amount: numeric({ precision: 12, scale: 2 }).notNull(),
    ordered_at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [check('order_amount_not_negative', sql`${t.amount} >= 0`)],
);

/** Bronze employees: each may name a manager, another employee. */
export const rawEmployee = pgTable('employee', {
  id: integer().notNull(),
  name: text().notNull(),
  manager_id: integer(),
});

/** Silver employees: the manager is a foreign key to the table itself. */
export const employee = pgTable('employee', {
  id: integer().primaryKey(),
  name: text().notNull(),
  manager_id: integer().references((): AnyPgColumn => employee.id),
});

/** Silver history of customers (SCD2 on systime). */
export const customerHistory = pgTable(
  'customer_history',
  {
    id: integer().notNull(),
    name: text().notNull(),
    country: char({ length: 2 }),
    systime: tstzrange('systime').notNull().default(sql`tstzrange(now(), 'infinity')`),
  },
  (t) => [primaryKey({ columns: [t.id, t.systime] })],
);

/** Gold: revenue per customer country and month. */
export const revenueByCountry = pgTable(
  'revenue_by_country',
  {
    country: char({ length: 2 }).notNull(),
    month: timestamp({ withTimezone: true }).notNull(),
    orders: integer().notNull(),
    revenue: numeric({ precision: 14, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.country, t.month] })],
);

/**
 * Drops and recreates the suite's schemas, the run store (its migrations: `datakit.rejects` is
 * the transfer engine's rejects table) and the given tables in their layers.
 */
export async function createWarehouse(
  conn: Connection,
  tables: readonly { table: Parameters<typeof fromDrizzle>[0]; layer: keyof typeof SCHEMAS }[],
): Promise<void> {
  const ddl = conn.dialect.createDdlCompiler();
  for (const schema of [...Object.values(SCHEMAS), 'datakit'])
    await conn.query(`drop schema if exists "${schema}" cascade`);
  await migrateStore(conn);
  for (const schema of Object.values(SCHEMAS)) await conn.query(ddl.createSchema(schema));
  for (const { table, layer } of tables) {
    const placed = layerTable(fromDrizzle(table), {
      layer,
      schema: SCHEMAS[layer],
      schemaOfTable: new Map(
        tables.filter((t) => t.layer === layer).map((t) => [fromDrizzle(t.table).name, SCHEMAS[layer]]),
      ),
    });
    for (const statement of ddl.createTable(placed)) await conn.query(statement);
  }
}

/** Rows of a query, with every value as PostgreSQL's text (stable across drivers and time zones). */
export async function textRows(
  conn: Connection,
  query: string,
  params: unknown[] = [],
): Promise<Record<string, string | null>[]> {
  const { rows } = await conn.query<{ r: unknown }>(
    `select (select jsonb_object_agg(key, value) from jsonb_each_text(to_jsonb(q))) as r from (${query}) as q`,
    params,
  );
  return rows.map(
    (row) => (typeof row.r === 'string' ? JSON.parse(row.r) : row.r) as Record<string, string | null>,
  );
}
