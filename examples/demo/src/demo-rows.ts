import type { Faker } from '@faker-js/faker';
import { type Datakit, DatakitError } from 'datakit-warehouse';
import { buildGraph, type ChangeEvent, changes, factory } from 'datakit-warehouse/testing';
import type { Table } from 'drizzle-orm';
import { buildDemoChanges, type DemoChanges } from './demo-changes.js';
import type { DemoSizes } from './demo-sizes.js';

type Row = Record<string, unknown>;

/** Rows built for one source table. */
export interface DemoTableRows {
  /** Source system name, e.g. `system-a`. */
  system: string;
  /** The table's key in its datakit. */
  key: string;
  table: Table;
  rows: Row[];
}

/** A row seeded to fail its transform, and the reason the rejects table should show. */
export interface SeededBadRow {
  system: string;
  /** Source table key in its datakit. */
  table: string;
  /** Its primary key values, by column key. */
  key: Row;
  reason: string;
}

/** Everything the demo seeds: the rows per table and what is expected to be rejected or dropped. */
export interface DemoRows {
  tables: DemoTableRows[];
  bad: SeededBadRow[];
  /** Cancelled orders, which the order transform drops. */
  cancelledOrders: number;
  /** What happens in the sources on the demo's second day. */
  changes: DemoChanges;
}

/** The source datakits the demo seeds, by system name. */
export type DemoSources = Record<'system-a' | 'system-d' | 'system-e', Datakit>;

const BAD_EMAILS = ['not-an-email', 'ann.lee(at)example.com', 'bob@localhost'];
/** The shop's markets; some codes lower-case, as the CRM holds them (bronze upper-cases them). */
const COUNTRIES = ['DE', 'DE', 'DE', 'FR', 'FR', 'NL', 'nl', 'GB', 'US', 'US', 'ES', 'IT', 'de'];

/**
 * Builds the demo's source rows with factories, deterministic for a seed: customers and their
 * addresses (System A), a category tree and products (System E), orders of System A's customers
 * and order lines of System E's products (System D), plus deliberately bad rows: three customers
 * with an invalid email, two orders with a negative total and two order lines of quantity 0
 * (rejected by the bronze transforms), and 4% cancelled orders (dropped). Customers are built
 * with `changes()`: the first snapshot is seeded, the next day's updates and new customers (and
 * orders that updated customers place that day) are in `changes`.
 *
 * @example
 * ```ts
 * const { tables, bad } = buildDemoRows(sources, demoSizes(2600), 1);
 * bad.map((b) => b.reason); // ['email "not-an-email" is not an email address', ...]
 * ```
 */
export function buildDemoRows(sources: DemoSources, sizes: DemoSizes, seed: number): DemoRows {
  const systemA = sources['system-a'];
  const systemD = sources['system-d'];
  const systemE = sources['system-e'];
  const pick = <T>(faker: Faker, values: readonly T[]): T => faker.helpers.arrayElement(values);

  // Customers come with a second day of changes (updates and new customers) for SCD2 history.
  const customerChanges = changes(systemA.tables.customer as Table, {
    seed,
    initial: sizes.customer,
    steps: 1,
    updates: Math.max(3, Math.round(sizes.customer * 0.05)),
    inserts: Math.max(2, Math.round(sizes.customer * 0.02)),
    deletes: 0,
    reinserts: 0,
  });
  const customers = rowsOf({ customer: customerChanges.snapshots[0] }, 'customer');
  const addresses = factory(systemA.tables.address as Table).build(sizes.address, {
    seed,
    refs: { customer: customers },
    overrides: {
      kind: (_i: number, f: Faker) => pick(f, ['billing', 'shipping', 'home']),
      country: (_i: number, f: Faker) => pick(f, COUNTRIES),
    },
  }) as Row[];
  const e = buildGraph(systemE.tables, { category: sizes.category, product: sizes.product }, { seed });
  const categories = rowsOf(e, 'category');
  const products = rowsOf(e, 'product');
  const customerIds = customers.map((c) => c.customer_id);
  const skus = products.map((p) => p.sku);

  const d = buildGraph(
    systemD.tables,
    { orders: sizes.orders },
    {
      seed,
      overrides: {
        orders: {
          customer_id: (_i: number, f: Faker) => pick(f, customerIds),
          status: (i: number, f: Faker) =>
            isCancelled(i) ? 'cancelled' : pick(f, ['new', 'paid', 'paid', 'shipped', 'shipped']),
          currency: (_i: number, f: Faker) => pick(f, ['EUR', 'EUR', 'USD', 'GBP', 'eur']),
        },
      },
    },
  );
  const orders = rowsOf(d, 'orders');
  const layout = lineLayout(
    orders.map((o) => o.order_id as number),
    sizes.order_line,
  );
  const lines = factory(systemD.tables.order_line as Table).build(sizes.order_line, {
    seed,
    refs: { orders },
    overrides: {
      order_id: (i: number) => layout[i]?.[0],
      line_no: (i: number) => layout[i]?.[1],
      product_sku: (_i: number, f: Faker) => pick(f, skus),
      quantity: (_i: number, f: Faker) => f.number.int({ min: 1, max: 12 }),
    },
  }) as Row[];

  // Day two is built before the bad rows are made, so an update changes only what changes() changed.
  const badCustomerIndexes = spread(customers.length, BAD_EMAILS.length);
  const demoChanges = buildDemoChanges({
    events: customerChanges.events as ChangeEvent<Row>[],
    at: customerChanges.times[1] as Date,
    skipBuyers: new Set(badCustomerIndexes.map((i) => customers[i]?.customer_id)),
    lastOrderId: Math.max(...orders.map((o) => o.order_id as number)),
    skus,
    tables: { orders: systemD.tables.orders as Table, order_line: systemD.tables.order_line as Table },
    seed,
  });

  const bad: SeededBadRow[] = [];
  badCustomerIndexes.forEach((index, n) => {
    const row = customers[index] as Row;
    row.email = BAD_EMAILS[n];
    bad.push({
      system: 'system-a',
      table: 'customer',
      key: { customer_id: row.customer_id },
      reason: `email "${row.email}" is not an email address`,
    });
  });
  for (const index of spread(orders.length, 2).map((i) => (isCancelled(i) ? i + 1 : i))) {
    const row = orders[index] as Row;
    row.total = `-${String(row.total).replace(/^-/, '')}`;
    bad.push({
      system: 'system-d',
      table: 'orders',
      key: { order_id: row.order_id },
      reason: `total ${row.total} is negative`,
    });
  }
  for (const index of spread(lines.length, 2)) {
    const row = lines[index] as Row;
    row.quantity = 0;
    bad.push({
      system: 'system-d',
      table: 'order_line',
      key: { order_id: row.order_id, line_no: row.line_no },
      reason: 'quantity 0 is below 1',
    });
  }
  const table = (system: keyof DemoSources, key: string, rows: Row[]): DemoTableRows => ({
    system,
    key,
    table: sources[system].tables[key] as Table,
    rows,
  });
  return {
    changes: demoChanges,
    tables: [
      table('system-a', 'customer', customers),
      table('system-a', 'address', addresses),
      table('system-e', 'category', categories),
      table('system-e', 'product', products),
      table('system-d', 'orders', orders),
      table('system-d', 'order_line', lines),
    ],
    bad,
    cancelledOrders: orders.filter((o) => o.status === 'cancelled').length,
  };
}

function isCancelled(index: number): boolean {
  return index % 25 === 12;
}

/** `count` indexes spread evenly over `length` rows. */
function spread(length: number, count: number): number[] {
  return Array.from({ length: count }, (_, j) => Math.floor(((j + 1) * length) / (count + 1)));
}

/** (order_id, line_no) for each line: 1 to 5 lines an order (3 on average), orders reused in turn. */
function lineLayout(orderIds: readonly number[], count: number): [number, number][] {
  const next = new Map<number, number>();
  const layout: [number, number][] = [];
  for (let k = 0; layout.length < count; k++) {
    const id = orderIds[k % orderIds.length] as number;
    const lines = 1 + ((k * 7 + 3) % 5);
    for (let j = 0; j < lines && layout.length < count; j++) {
      const n = (next.get(id) ?? 0) + 1;
      next.set(id, n);
      layout.push([id, n]);
    }
  }
  return layout;
}

function rowsOf(graph: Record<string, unknown>, key: string): Row[] {
  const rows = graph[key];
  if (!Array.isArray(rows)) {
    throw new DatakitError('USAGE', `The demo could not build rows for table "${key}"`, {
      hint: 'The example datakits changed: the demo needs System A customer/address, System D orders/order_line and System E category/product.',
      context: { table: key },
    });
  }
  return rows as Row[];
}
