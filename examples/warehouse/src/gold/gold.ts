import { defineDatakit } from 'datakit-warehouse';
import { dimCustomer } from './dim-customer.js';
import { dimDate } from './dim-date.js';
import { dimProduct } from './dim-product.js';
import { factOrderLine } from './fact-order-line.js';
import { monthlyRevenue } from './monthly-revenue.js';

/**
 * The gold datakit of the demo warehouse: the customer, product and date dimensions, the order
 * line fact (foreign keys to its dimensions) and the monthly revenue aggregate.
 *
 * @example
 * ```ts
 * import { gold } from './gold/gold.js';
 * type Version = typeof gold.tables.dim_customer.$inferSelect;
 * ```
 */
export const gold = defineDatakit({
  name: 'gold',
  version: '1.0.0',
  layer: 'gold',
  tables: {
    dim_customer: dimCustomer,
    dim_product: dimProduct,
    dim_date: dimDate,
    fact_order_line: factOrderLine,
    monthly_revenue: monthlyRevenue,
  },
});
