import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { lineageColumns } from '../../src/contract/lineage-columns.js';

// Tables and helpers a test config file imports: nothing here may import vitest, because the CLI
// loads such configs in a child process too.

export const crmCustomer = pgTable('crm_customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
});
export const rawA = pgTable('raw_a', { id: integer().primaryKey() });
export const rawB = pgTable('raw_b', { id: integer().primaryKey() });
export const customer = pgTable('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
  ...lineageColumns(),
});
export const mart = pgTable('mart', { id: integer().primaryKey() });
export const report = pgTable('report', { id: integer().primaryKey() });

export const crm = defineDatakit({ name: 'crm', version: '1.2.0', tables: { customer: crmCustomer } });
export const bronze = defineDatakit({
  name: 'bronze',
  version: '1.0.0',
  layer: 'bronze',
  tables: { rawA, rawB, customer },
});
export const gold = defineDatakit({
  name: 'gold',
  version: '2.0.0',
  layer: 'gold',
  tables: { mart, report },
});

/** Resolves after `ms`, or rejects when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * The customer transfer's identity transform. With `ORCH_PACE_MS` set it blocks that long every
 * 1,000 rows, so a load takes a known minimum time on any machine: tests that time out or kill a
 * load mid-way must not depend on how fast the machine happens to be.
 */
export function pacedCustomer(row: typeof crmCustomer.$inferSelect): typeof crmCustomer.$inferSelect {
  const ms = Number(process.env.ORCH_PACE_MS ?? 0);
  if (ms > 0 && row.customer_id % 1000 === 0) Atomics.wait(pause, 0, 0, ms);
  return row;
}
