import {
  boolean,
  customType,
  integer,
  numeric,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { defineTransform } from '../../src/contract/define-transform.js';
import { lineageColumns } from '../../src/contract/lineage-columns.js';
import type { Connection } from '../../src/dialect/connection.js';

const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });

export const crm = pgSchema('crm');
export const bronze = pgSchema('bronze');

export const customer = crm.table('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  email: varchar({ length: 200 }),
  score: numeric({ precision: 10, scale: 2 }),
  active: boolean().notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
});

export const bronzeCustomer = bronze.table('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  email: varchar({ length: 40 }),
  score: numeric({ precision: 10, scale: 2 }),
  active: boolean().notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
  ...lineageColumns(),
});

export const customerHistory = bronze.table(
  'customer_history',
  {
    customer_id: integer().notNull(),
    full_name: text().notNull(),
    email: varchar({ length: 40 }),
    score: numeric({ precision: 10, scale: 2 }),
    active: boolean().notNull(),
    systime: tstzrange()
      .notNull()
      .default("tstzrange(now(), 'infinity', '[)')" as never),
    ...lineageColumns(),
  },
  (t) => [primaryKey({ columns: [t.customer_id, t.systime] })],
);

/** Upper-cases names, lower-cases emails; drops "DROP ..." rows; throws on "BOOM". */
export const toBronze = defineTransform(customer, bronzeCustomer, (row) => {
  if (row.full_name === 'BOOM') throw new Error('cannot transform BOOM');
  if (row.full_name.startsWith('DROP')) return null;
  return {
    customer_id: row.customer_id,
    full_name: row.full_name.toUpperCase(),
    email: row.email?.toLowerCase() ?? null,
    score: row.score,
    active: row.active,
    updated_at: row.updated_at,
  };
});

export const toHistory = defineTransform(customer, customerHistory, (row) => ({
  customer_id: row.customer_id,
  full_name: row.full_name.toUpperCase(),
  email: row.email?.toLowerCase() ?? null,
  score: row.score,
  active: row.active,
}));

const LINEAGE = `"_load_id" uuid not null, "_loaded_at" timestamptz not null default now(), "_source_system" text not null, "_source_table" text not null`;

/** Creates the source schema and table (empty). */
export async function createSource(conn: Connection): Promise<void> {
  await conn.query('drop schema if exists crm cascade');
  await conn.query('create schema crm');
  await conn.query(`create table crm.customer (customer_id integer primary key, full_name text not null, email varchar(200),
    score numeric(10,2), active boolean not null, updated_at timestamptz not null)`);
}

/** Creates the bronze tables (empty). */
export async function createBronze(conn: Connection): Promise<void> {
  await conn.query('drop schema if exists bronze cascade');
  await conn.query('drop schema if exists datakit cascade');
  await conn.query('create schema bronze');
  await conn.query(`create table bronze.customer (customer_id integer primary key, full_name text not null, email varchar(40),
    score numeric(10,2), active boolean not null, updated_at timestamptz not null, ${LINEAGE})`);
  await conn.query(`create table bronze.customer_history (customer_id integer not null, full_name text not null, email varchar(40),
    score numeric(10,2), active boolean not null, systime tstzrange not null default tstzrange(now(), 'infinity', '[)'), ${LINEAGE},
    primary key (customer_id, systime))`);
}

/** A source row as SQL values. */
export interface SeedRow {
  id: number;
  name: string;
  email: string | null;
  score: string | null;
  active: boolean;
  updatedAt: string;
}

export function seedRows(count: number, start = 1): SeedRow[] {
  return Array.from({ length: count }, (_, i) => {
    const id = start + i;
    return {
      id,
      name: `Customer ${id}`,
      email: id % 7 === 0 ? null : `Customer.${id}@Example.COM`,
      score: id % 5 === 0 ? null : `${id}.${String(id % 100).padStart(2, '0')}`,
      active: id % 3 !== 0,
      updatedAt: new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString(),
    };
  });
}

export async function insertSource(conn: Connection, rows: readonly SeedRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const params = chunk.flatMap((r) => [r.id, r.name, r.email, r.score, r.active, r.updatedAt]);
    const values = chunk.map(
      (_, j) => `($${j * 6 + 1}, $${j * 6 + 2}, $${j * 6 + 3}, $${j * 6 + 4}, $${j * 6 + 5}, $${j * 6 + 6})`,
    );
    await conn.query(`insert into crm.customer values ${values.join(', ')}`, params);
  }
}

/** The bronze rows as comparable text, ordered by key. */
export async function bronzeRows(conn: Connection, table = 'bronze.customer'): Promise<string[]> {
  const { rows } = await conn.query<{ r: string }>(
    `select concat_ws('|', customer_id, full_name, coalesce(email, '<null>'), coalesce(score::text, '<null>'), active) as r from ${table} order by customer_id`,
  );
  return rows.map((r) => r.r);
}

/** What the transform makes of the source rows, in the same text form as {@link bronzeRows}. */
export async function expectedRows(source: Connection): Promise<string[]> {
  const { rows } = await source.query<{ r: string }>(
    `select concat_ws('|', customer_id, upper(full_name), coalesce(lower(email), '<null>'), coalesce(score::text, '<null>'), active) as r
     from crm.customer where full_name <> 'BOOM' and full_name not like 'DROP%' order by customer_id`,
  );
  return rows.map((r) => r.r);
}
