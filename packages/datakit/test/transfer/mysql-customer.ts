import {
  datetime,
  decimal,
  int,
  boolean as myBoolean,
  mysqlTable,
  text as myText,
  varchar as myVarchar,
} from 'drizzle-orm/mysql-core';
import { defineTransform } from '../../src/contract/define-transform.js';
import type { Connection } from '../../src/dialect/connection.js';
import { bronzeCustomer } from './fixtures.js';

/** The CRM customer table as a MariaDB source. */
export const mysqlCustomer = mysqlTable('customer', {
  customer_id: int().primaryKey(),
  full_name: myText().notNull(),
  email: myVarchar({ length: 200 }),
  score: decimal({ precision: 10, scale: 2 }),
  active: myBoolean().notNull(),
  updated_at: datetime({ fsp: 6 }).notNull(),
});

/** The same cleaning as `toBronze`, from the MariaDB table. */
export const mysqlToBronze = defineTransform(mysqlCustomer, bronzeCustomer, (row) => ({
  customer_id: row.customer_id,
  full_name: row.full_name.toUpperCase(),
  email: row.email?.toLowerCase() ?? null,
  score: row.score,
  active: row.active,
  updated_at: row.updated_at,
}));

/** Creates `customer` with `rows` generated rows (MariaDB's sequence engine). */
export async function createMysqlCustomers(conn: Connection, rows: number): Promise<void> {
  await conn.query('drop table if exists customer');
  await conn.query(`create table customer (customer_id int primary key, full_name text not null, email varchar(200),
    score decimal(10,2), active tinyint(1) not null, updated_at datetime(6) not null)`);
  await conn.query(`insert into customer select seq, concat('Customer ', seq), concat('c', seq, '@x.org'), seq / 100, seq % 2 = 0,
    timestamp '2024-01-01 00:00:00' + interval seq second from seq_1_to_${rows}`);
}
