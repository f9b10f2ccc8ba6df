import {
  type AnyMySqlColumn,
  datetime,
  decimal,
  int,
  mysqlEnum,
  mysqlTable,
  text as myText,
  varchar as myVarchar,
  tinyint,
} from 'drizzle-orm/mysql-core';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
  date,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

export const segment = pgEnum('segment', ['retail', 'business', 'vip']);
export const orderStatus = pgEnum('order_status', ['new', 'paid', 'shipped', 'cancelled']);

export const customer = pgTable('customer', {
  customerId: serial('customer_id').primaryKey(),
  firstName: varchar('first_name', { length: 40 }).notNull(),
  lastName: varchar('last_name', { length: 40 }).notNull(),
  email: varchar({ length: 60 }).notNull().unique(),
  phone: varchar({ length: 20 }),
  city: text(),
  country: char({ length: 2 }).notNull(),
  segment: segment().notNull(),
  birthDate: date('birth_date'),
  creditLimit: numeric('credit_limit', { precision: 8, scale: 2 }),
  notes: text(),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});

export const order = pgTable('order', {
  orderId: uuid('order_id').primaryKey().defaultRandom(),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customer.customerId),
  status: orderStatus().notNull(),
  total: numeric({ precision: 10, scale: 2 }).notNull(),
  quantity: smallint().notNull(),
  channel: text({ enum: ['web', 'store', 'phone'] }),
  orderedAt: timestamp('ordered_at', { mode: 'string' }).notNull(),
  shippedAt: timestamp('shipped_at', { mode: 'string' }),
  meta: jsonb(),
});

export const orderLine = pgTable(
  'order_line',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => order.orderId),
    lineNo: integer('line_no').notNull(),
    productCode: varchar('product_code', { length: 12 }).notNull(),
    unitPrice: numeric('unit_price', { precision: 6, scale: 2 }).notNull(),
    bigCount: bigint('big_count', { mode: 'bigint' }),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.lineNo] })],
);

export const employee = pgTable('employee', {
  employeeId: integer('employee_id').primaryKey(),
  fullName: text('full_name').notNull(),
  managerId: integer('manager_id').references((): AnyPgColumn => employee.employeeId),
});

export const profile = pgTable('profile', {
  profileId: serial('profile_id').primaryKey(),
  customerId: integer('customer_id')
    .notNull()
    .unique()
    .references(() => customer.customerId),
  bio: varchar({ length: 30 }),
});

export const tinyKey = pgTable('tiny_key', { id: smallint().primaryKey(), label: char({ length: 1 }) });

export const supplier = mysqlTable('supplier', {
  supplierId: int('supplier_id').autoincrement().primaryKey(),
  name: myVarchar({ length: 50 }).notNull(),
  rating: tinyint(),
});

export const product = mysqlTable('product', {
  sku: myVarchar({ length: 12 }).primaryKey(),
  name: myVarchar({ length: 30 }).notNull(),
  price: decimal({ precision: 6, scale: 2 }).notNull(),
  stock: int({ unsigned: true }).notNull(),
  score: tinyint({ unsigned: true }),
  kind: mysqlEnum(['physical', 'digital']).notNull(),
  supplierId: int('supplier_id')
    .notNull()
    .references((): AnyMySqlColumn => supplier.supplierId),
  addedAt: datetime('added_at'),
  addedOn: datetime('added_on', { mode: 'string' }),
  description: myText(),
});

export const noKey = pgTable('no_key', { label: text() });
