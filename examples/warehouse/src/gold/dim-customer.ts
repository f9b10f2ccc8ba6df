import { address, customer } from '@datakit-examples/bronze';
import { defineDimension, inLayer, leftJoin, scd2Columns, surrogateKey } from 'datakit-warehouse';
import { eq, sql } from 'drizzle-orm';
import { char, integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';

/** Gold customer dimension: one version per change of a customer (SCD2), with its country. */
export const dimCustomer = pgTable('dim_customer', {
  customer_key: surrogateKey(),
  customer_id: integer().notNull(),
  name: text().notNull(),
  email: varchar({ length: 200 }).notNull(),
  phone: varchar({ length: 40 }),
  status: varchar({ length: 20 }).notNull(),
  /** The country of the customer's billing address (else its latest address); null without one. */
  country: char({ length: 2 }),
  ...scd2Columns(),
});

/**
 * Silver customers (with the country of their billing address, else their latest one) into
 * `gold.dim_customer`: a change of any attribute closes the current version at the run's logical
 * time and opens a new one; facts that find no customer point to the unknown member (-1).
 *
 * @example
 * ```ts
 * await customerDimension.prepare(conn);
 * const { rows } = await customerDimension.run(conn, { at: new Date('2025-01-02T00:00:00Z') });
 * ```
 */
export const customerDimension = defineDimension(inLayer(dimCustomer, 'gold'), {
  name: 'gold.dim_customer',
  from: inLayer(customer, 'silver'),
  joins: [leftJoin(inLayer(address, 'silver'), eq(address.customer_id, customer.id))],
  select: {
    customer_id: customer.id,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    status: customer.status,
    country: address.country,
  },
  businessKey: ['customer_id'],
  surrogateKey: 'customer_key',
  // One row per customer: its billing address first, then the address added last.
  latest: [sql<boolean>`${address.kind} = 'billing'`, address.id],
  unknownMember: { customer_id: -1, name: 'Unknown', email: 'unknown', status: 'unknown' },
});
