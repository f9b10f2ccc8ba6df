import type { Faker } from '@faker-js/faker';
import { type ChangeEvent, factory } from 'datakit-warehouse/testing';
import type { Table } from 'drizzle-orm';

type Row = Record<string, unknown>;

const HOUR = 3_600_000;

/**
 * What happens in the demo's sources on its second day: System A customers updated (only the
 * columns `changes()` changed) and added, and orders (with their lines) that updated customers
 * place in System D during that day.
 */
export interface DemoChanges {
  /** When the day starts: the updates' `updated_at`, and the second run's logical time. */
  at: Date;
  customerUpdates: { key: Row; set: Row }[];
  newCustomers: Row[];
  newOrders: Row[];
  newLines: Row[];
}

/** What {@link buildDemoChanges} starts from. */
export interface DemoChangesInput {
  /** The events of `changes()` on System A's customers (step 0 is the seeded snapshot). */
  events: readonly ChangeEvent<Row>[];
  at: Date;
  /** Customers that place no order on day two (those bronze rejects). */
  skipBuyers: ReadonlySet<unknown>;
  lastOrderId: number;
  skus: readonly unknown[];
  tables: { orders: Table; order_line: Table };
  seed: number;
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/**
 * The second day of the demo: the first step of `changes()` as updates (changed columns only)
 * and new customers, and one order of two lines for each updated customer, placed during the day
 * (after its change), with the order total the sum of its lines.
 *
 * @example
 * ```ts
 * const day2 = buildDemoChanges({ events, at: times[1], skipBuyers: new Set(), lastOrderId: 5000, skus, tables, seed: 1 });
 * day2.customerUpdates[0]; // { key: { customer_id: 17 }, set: { full_name: '…', updated_at: 2025-01-02T00:00:00.000Z } }
 * ```
 */
export function buildDemoChanges(input: DemoChangesInput): DemoChanges {
  const day = input.events.filter((e) => e.step === 1);
  const customerUpdates = day
    .filter((e) => e.kind === 'update' && e.before && e.after)
    .map((e) => {
      const before = e.before as Row;
      const after = e.after as Row;
      const set = Object.fromEntries(Object.entries(after).filter(([k, v]) => !same(before[k], v)));
      return { key: e.key as Row, set };
    });
  const newCustomers = day.filter((e) => e.kind === 'insert' && e.after).map((e) => e.after as Row);
  const buyers = customerUpdates.map((u) => u.key.customer_id).filter((id) => !input.skipBuyers.has(id));
  const orderId = (i: number) => input.lastOrderId + 1 + i;
  const newLines = factory(input.tables.order_line).build(buyers.length * 2, {
    seed: input.seed + 1,
    overrides: {
      order_id: (i: number) => orderId(Math.floor(i / 2)),
      line_no: (i: number) => 1 + (i % 2),
      product_sku: (_i: number, f: Faker) => f.helpers.arrayElement(input.skus),
      quantity: (_i: number, f: Faker) => f.number.int({ min: 1, max: 5 }),
    },
  }) as Row[];
  const cents = (line: Row) =>
    BigInt(String(line.unit_price).replace('.', '')) * BigInt(line.quantity as number);
  const newOrders = factory(input.tables.orders).build(buyers.length, {
    seed: input.seed + 1,
    overrides: {
      order_id: (i: number) => orderId(i),
      customer_id: (i: number) => buyers[i],
      order_date: (i: number) => new Date(input.at.getTime() + (1 + (i % 22)) * HOUR),
      status: 'paid',
      currency: 'EUR',
      total: (i: number) => {
        const sum = newLines.filter((l) => l.order_id === orderId(i)).reduce((a, l) => a + cents(l), 0n);
        return `${sum / 100n}.${(sum % 100n).toString().padStart(2, '0')}`;
      },
      updated_at: (i: number) => new Date(input.at.getTime() + (1 + (i % 22)) * HOUR),
    },
  }) as Row[];
  return { at: input.at, customerUpdates, newCustomers, newOrders, newLines };
}
