// The benchmark's contracts and its datakit steps: typed SQL transforms, the SCD2 dimension, the
// date dimension and the fact (see ../gold-bench.ts).
import { sql } from 'drizzle-orm';
import { char, integer, numeric, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { dateDimensionColumns, defineDateDimension } from '../../packages/datakit/src/gold/date-dimension.js';
import { defineDimension } from '../../packages/datakit/src/gold/define-dimension.js';
import { defineFact } from '../../packages/datakit/src/gold/define-fact.js';
import { scd2Columns, surrogateKey } from '../../packages/datakit/src/gold/dimension-columns.js';
import { lookup } from '../../packages/datakit/src/gold/lookup.js';
import { castTo } from '../../packages/datakit/src/sql-transform/cast-to.js';
import { coalesce } from '../../packages/datakit/src/sql-transform/coalesce.js';
import { defineSqlTransform } from '../../packages/datakit/src/sql-transform/define-sql-transform.js';
import { inLayer } from '../../packages/datakit/src/sql-transform/in-layer.js';
import { standardize } from '../../packages/datakit/src/sql-transform/standardize.js';
import { lower, trim, upper } from '../../packages/datakit/src/sql-transform/text-expressions.js';

export const rawCustomer = pgTable('customer', {
  id: integer().notNull(),
  name: text(),
  email: text(),
  status: text(),
  country: text(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
});
export const customer = pgTable('customer', {
  id: integer().primaryKey(),
  name: text().notNull(),
  email: varchar({ length: 80 }).notNull().unique(),
  status: varchar({ length: 10 }).notNull(),
  country: char({ length: 2 }),
  updated_at: timestamp({ withTimezone: true }).notNull(),
});
export const rawOrder = pgTable('order', {
  id: integer().notNull(),
  customer_id: integer(),
  amount: text(),
  ordered_at: timestamp({ withTimezone: true }).notNull(),
});
export const order = pgTable('order', {
  id: integer().primaryKey(),
  customer_id: integer()
    .notNull()
    .references(() => customer.id),
  amount: numeric({ precision: 12, scale: 2 }).notNull(),
  ordered_at: timestamp({ withTimezone: true }).notNull(),
});
export const dimCustomer = pgTable('dim_customer', {
  customer_key: surrogateKey(),
  customer_id: integer().notNull(),
  name: text().notNull(),
  status: varchar({ length: 10 }).notNull(),
  country: char({ length: 2 }),
  ...scd2Columns(),
});
export const dimDate = pgTable('dim_date', dateDimensionColumns());
export const factOrder = pgTable('fact_order', {
  order_id: integer().notNull(),
  customer_key: integer().notNull(),
  date_key: integer().notNull(),
  amount: numeric({ precision: 12, scale: 2 }).notNull(),
});

// --- the datakit steps -----------------------------------------------------------------------
const status = standardize(
  lower(trim(rawCustomer.status)),
  { act: 'active', active: 'active', 'on hold': 'paused', paused: 'paused', churned: 'churned' } as const,
  null,
);
export const silverCustomer = defineSqlTransform(inLayer(customer, 'silver'), {
  from: inLayer(rawCustomer, 'bronze'),
  dedupe: { key: [rawCustomer.id], latest: rawCustomer.updated_at },
  select: {
    id: rawCustomer.id,
    name: coalesce(trim(rawCustomer.name), ''),
    email: coalesce(lower(trim(rawCustomer.email)), ''),
    status: coalesce(status, ''),
    country: upper(trim(rawCustomer.country)),
    updated_at: rawCustomer.updated_at,
  },
  rules: [
    {
      name: 'name-present',
      column: 'name',
      check: sql`trim(${rawCustomer.name}) <> ''`,
      message: 'the customer has no name',
    },
    {
      name: 'email-format',
      column: 'email',
      check: sql`${rawCustomer.email} like '%@%'`,
      message: 'email has no @',
    },
    { name: 'status-known', column: 'status', check: sql`${status} is not null`, message: 'unknown status' },
  ],
  constrain: true,
  disposition: 'merge',
});
export const numberPattern = '^-?[0-9]+(\\.[0-9]+)?$';
export const silverOrder = defineSqlTransform(inLayer(order, 'silver'), {
  from: inLayer(rawOrder, 'bronze'),
  select: {
    id: rawOrder.id,
    customer_id: coalesce(rawOrder.customer_id, -1),
    amount: coalesce(
      castTo<string>(
        sql`case when ${rawOrder.amount} ~ ${numberPattern} then ${rawOrder.amount} end`,
        'numeric(12,2)',
      ),
      '0',
    ),
    ordered_at: rawOrder.ordered_at,
  },
  rules: [
    {
      name: 'amount-number',
      column: 'amount',
      check: sql`${rawOrder.amount} ~ ${numberPattern}`,
      message: 'amount is not a number',
    },
  ],
  constrain: true,
  disposition: 'merge',
});
export const customerDimension = defineDimension(inLayer(dimCustomer, 'gold'), {
  from: inLayer(customer, 'silver'),
  select: {
    customer_id: customer.id,
    name: customer.name,
    status: customer.status,
    country: customer.country,
  },
  businessKey: ['customer_id'],
  surrogateKey: 'customer_key',
  deletes: 'close',
  unknownMember: { customer_id: -1, name: 'Unknown', status: 'unknown' },
  inferred: { name: '(inferred)', status: 'inferred' },
});
export const dateDimension = defineDateDimension(inLayer(dimDate, 'gold'));
export const fact = defineFact(inLayer(factOrder, 'gold'), {
  from: inLayer(order, 'silver'),
  select: { order_id: order.id, amount: order.amount },
  lookups: {
    customer_key: lookup(
      customerDimension,
      { customer_id: order.customer_id },
      { at: order.ordered_at, inferred: true },
    ),
    date_key: lookup(dateDimension, { date: sql<string>`(${order.ordered_at} at time zone 'UTC')::date` }),
  },
  disposition: 'append',
});
