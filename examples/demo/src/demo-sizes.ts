import { DatakitError } from 'datakit-warehouse';

/** Source rows per demo table, by the source table's SQL name. */
export interface DemoSizes {
  customer: number;
  address: number;
  category: number;
  product: number;
  orders: number;
  order_line: number;
}

/** Source rows of the default demo: sized so the whole demo runs in seconds on 2 cores. */
export const DEFAULT_DEMO_ROWS = 26_200;

/** The smallest `--rows` that still holds every deliberately bad row and a few good ones. */
export const MIN_DEMO_ROWS = 100;

const SHARES: Record<Exclude<keyof DemoSizes, 'category'>, number> = {
  customer: 2,
  address: 3,
  product: 1,
  orders: 5,
  order_line: 15,
};
const UNITS = Object.values(SHARES).reduce((a, b) => a + b, 0);

/**
 * Splits a total number of source rows over the six demo tables, in the shape of a small shop:
 * per 26 rows 2 customers, 3 addresses, 1 product, 5 orders and 15 order lines, plus a category
 * tree of one category per 130 rows (10 to 200).
 *
 * @example
 * ```ts
 * demoSizes(26_200); // { customer: 2000, address: 3000, category: 200, product: 1000, orders: 5000, order_line: 15000 }
 * ```
 */
export function demoSizes(total: number = DEFAULT_DEMO_ROWS): DemoSizes {
  if (!Number.isInteger(total) || total < MIN_DEMO_ROWS) {
    throw new DatakitError(
      'USAGE',
      `--rows must be a whole number of at least ${MIN_DEMO_ROWS}, got ${total}`,
      {
        hint: `Use e.g. --rows ${DEFAULT_DEMO_ROWS} (the default) or --rows 2600 for a quick run.`,
      },
    );
  }
  const category = Math.min(200, Math.max(10, Math.round(total / 130)));
  const unit = (total - category) / UNITS;
  const share = (key: keyof typeof SHARES) => Math.max(4, Math.round(unit * SHARES[key]));
  const sizes = {
    customer: share('customer'),
    address: share('address'),
    category,
    product: share('product'),
    orders: share('orders'),
    order_line: 0,
  };
  // The lines take the rounding, so the tables add up to exactly `total`.
  sizes.order_line = total - Object.values(sizes).reduce((a, b) => a + b, 0);
  return sizes;
}
