import { eq, sql } from 'drizzle-orm';
import { countRows, total } from '../../src/sql-transform/aggregates.js';
import { castTo } from '../../src/sql-transform/cast-to.js';
import { coalesce } from '../../src/sql-transform/coalesce.js';
import { defineSqlTransform } from '../../src/sql-transform/define-sql-transform.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { innerJoin } from '../../src/sql-transform/join.js';
import { standardize } from '../../src/sql-transform/standardize.js';
import { lower, trim, upper } from '../../src/sql-transform/text-expressions.js';
import { customer, customerHistory, order, rawCustomer, rawOrder, revenueByCountry } from './fixtures.js';

const status = standardize(
  lower(trim(rawCustomer.status)),
  { active: 'active', act: 'active', paused: 'paused', 'on hold': 'paused', churned: 'churned' } as const,
  null,
);

/** Bronze → silver customer: latest version per id, trimmed, standard status, rejects on bad rows. */
export const silverCustomer = (disposition: 'merge' | 'replace' | 'append' = 'merge') =>
  defineSqlTransform(inLayer(customer, 'silver'), {
    from: inLayer(rawCustomer, 'bronze'),
    dedupe: { key: [rawCustomer.id], latest: rawCustomer.updated_at },
    select: {
      id: rawCustomer.id,
      name: coalesce(trim(rawCustomer.name), ''),
      email: coalesce(lower(trim(rawCustomer.email)), ''),
      status: sql<'active' | 'paused' | 'churned'>`${status}`,
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
    ],
    constrain: true,
    disposition,
  });

/** Bronze → silver order, amounts cast after a rule guards them; foreign key to silver customer. */
export const silverOrder = defineSqlTransform(inLayer(order, 'silver'), {
  from: inLayer(rawOrder, 'bronze'),
  select: {
    id: rawOrder.id,
    customer_id: coalesce(rawOrder.customer_id, -1),
    amount: coalesce(
      castTo<string>(
        sql`case when ${rawOrder.amount} ~ '^-?[0-9]+(\\.[0-9]+)?$' then ${rawOrder.amount} end`,
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
      check: sql`${rawOrder.amount} ~ '^-?[0-9]+(\\.[0-9]+)?$'`,
      message: 'amount is not a number',
    },
  ],
  constrain: true,
  disposition: 'merge',
});

/** Silver customer → silver customer history (systime SCD2). */
export const customerHistoryTransform = (deletes: 'ignore' | 'close') =>
  defineSqlTransform(inLayer(customerHistory, 'silver'), {
    from: inLayer(customer, 'silver'),
    select: { id: customer.id, name: customer.name, country: customer.country },
    key: ['id'],
    disposition: 'history',
    deletes,
  });

const month = sql<Date>`date_trunc('month', ${order.ordered_at}, 'UTC')`;

/** Silver → gold aggregate: orders and revenue per country and month. */
export const revenueTransform = defineSqlTransform(inLayer(revenueByCountry, 'gold'), {
  from: inLayer(order, 'silver'),
  joins: [innerJoin(inLayer(customer, 'silver'), eq(customer.id, order.customer_id))],
  select: {
    country: coalesce(customer.country, '??'),
    month,
    orders: countRows(),
    revenue: total(order.amount),
  },
  groupBy: [customer.country, month],
  disposition: 'replace',
});
