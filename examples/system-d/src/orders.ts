import { char, datetime, decimal, int, mysqlEnum, mysqlTable } from 'drizzle-orm/mysql-core';

/** System D (order management, MySQL/MariaDB): order headers. `customer_id` is System A's key. */
export const orders = mysqlTable('orders', {
  order_id: int().primaryKey(),
  customer_id: int().notNull(),
  order_date: datetime({ fsp: 3 }).notNull(),
  status: mysqlEnum(['new', 'paid', 'shipped', 'cancelled']).notNull(),
  currency: char({ length: 3 }).notNull(),
  total: decimal({ precision: 12, scale: 2 }).notNull(),
  updated_at: datetime({ fsp: 3 }).notNull(),
});
