import { orderLine } from '@datakit-examples/bronze';
import {
  contractChecks,
  inLayer,
  notNullCheck,
  type QualityCheck,
  rowCountCheck,
  sqlCheck,
  uniqueCheck,
} from 'datakit-warehouse';
import { sql } from 'drizzle-orm';
import { dimCustomer } from '../gold/dim-customer.js';
import { dimProduct } from '../gold/dim-product.js';
import { factOrderLine } from '../gold/fact-order-line.js';
import { gold } from '../gold/gold.js';
import { monthlyRevenue } from '../gold/monthly-revenue.js';

const fact = inLayer(factOrderLine, 'gold');
const revenue = inLayer(monthlyRevenue, 'gold');

/**
 * The checks of the gold layer: every table's contract (the fact's keys point at dimension rows),
 * one current version per customer and per product, the fact reconciled with silver's order lines
 * row for row, the aggregate's revenue with the fact's per currency, and (a warning) current
 * customers without an address, whose revenue counts under country `unknown`.
 *
 * @example
 * ```ts
 * tasks: [{ name: 'check-gold', checks: goldChecks }]
 * ```
 */
export const goldChecks: readonly QualityCheck[] = [
  ...Object.values(gold.tables).flatMap((table) => contractChecks(inLayer(table, 'gold'))),
  uniqueCheck(inLayer(dimCustomer, 'gold'), ['customer_id'], {
    name: 'one current version per customer',
    where: sql`${dimCustomer.is_current}`,
  }),
  uniqueCheck(inLayer(dimProduct, 'gold'), ['sku'], {
    name: 'one current version per product',
    where: sql`${dimProduct.is_current}`,
  }),
  rowCountCheck(fact, inLayer(orderLine, 'silver'), { name: 'fact rows = silver order lines' }),
  sqlCheck(
    'aggregate revenue = fact revenue',
    sql`select coalesce(f.currency, m.currency) as currency, f.revenue as fact_revenue, m.revenue as aggregate_revenue
      from (select currency, sum(amount) as revenue from ${fact} group by currency) f
      full join (select currency, sum(revenue) as revenue from ${revenue} group by currency) m on m.currency = f.currency
      where f.revenue is distinct from m.revenue`,
  ),
  notNullCheck(inLayer(dimCustomer, 'gold'), 'country', {
    name: 'current customers without an address',
    severity: 'warn',
    where: sql`${dimCustomer.is_current} and ${dimCustomer.customer_key} <> -1`,
  }),
];
