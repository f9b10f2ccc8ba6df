import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { describe, expectTypeOf, test } from 'vitest';
import { defineConfig } from '../../src/config/define-config.js';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { defineTransform } from '../../src/contract/define-transform.js';
import { lineageColumns } from '../../src/contract/lineage-columns.js';

const customer = pgTable('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
});
const bronzeCustomer = pgTable('customer', {
  customer_id: integer().primaryKey(),
  name: text().notNull(),
  ...lineageColumns(),
});
const other = pgTable('other', { id: integer().primaryKey() });
const crm = defineDatakit({ name: 'crm', version: '1.0.0', tables: { customer } });
const bronze = defineDatakit({
  name: 'bronze',
  version: '1.0.0',
  layer: 'bronze',
  tables: { customer: bronzeCustomer },
});
const toBronze = defineTransform(customer, bronzeCustomer, (row) => ({
  customer_id: row.customer_id,
  name: row.full_name,
}));
const toOther = defineTransform(other, bronzeCustomer, (row) => ({ customer_id: row.id, name: 'x' }));

const base = {
  layers: { bronze: { datakits: [bronze] } },
  sources: { crm },
  environments: { dev: { url: 'pglite://memory' } },
};

describe('defineConfig transfer types', () => {
  test('a cursor that is a source column, a key of target columns and a positive partition count compile', () => {
    const config = defineConfig({
      warehouses: {
        main: {
          ...base,
          transfers: {
            customer: {
              from: 'crm',
              source: customer,
              target: bronzeCustomer,
              transform: toBronze,
              options: { cursor: 'updated_at', key: ['customer_id'], partitions: 4, maxRejects: 0 },
            },
          },
        },
      },
    });
    expectTypeOf(config.warehouses.main.transfers.customer.options.cursor).toEqualTypeOf<'updated_at'>();
  });

  test('a misspelt cursor does not compile', () => {
    defineConfig({
      warehouses: {
        main: {
          ...base,
          transfers: {
            customer: {
              from: 'crm',
              source: customer,
              target: bronzeCustomer,
              // @ts-expect-error 'updatd_at' is not a column of customer
              options: { cursor: 'updatd_at' },
            },
          },
        },
      },
    });
  });

  test('an unknown option key does not compile', () => {
    defineConfig({
      warehouses: {
        main: {
          ...base,
          transfers: {
            customer: {
              from: 'crm',
              source: customer,
              target: bronzeCustomer,
              // @ts-expect-error `cursr` is not an option
              options: { cursr: 'updated_at' },
            },
          },
        },
      },
    });
  });

  test('a key that is not a target column does not compile', () => {
    defineConfig({
      warehouses: {
        main: {
          ...base,
          transfers: {
            customer: {
              from: 'crm',
              source: customer,
              target: bronzeCustomer,
              // @ts-expect-error 'full_name' is a source column, not a target one
              options: { key: ['full_name'] },
            },
          },
        },
      },
    });
  });

  test('partitions must be a positive integer', () => {
    defineConfig({
      warehouses: {
        main: {
          ...base,
          transfers: {
            // @ts-expect-error 0 partitions
            customer: { from: 'crm', source: customer, target: bronzeCustomer, options: { partitions: 0 } },
          },
        },
      },
    });
    defineConfig({
      warehouses: {
        main: {
          ...base,
          transfers: {
            // @ts-expect-error 1.5 partitions
            customer: { from: 'crm', source: customer, target: bronzeCustomer, options: { partitions: 1.5 } },
          },
        },
      },
    });
  });

  test('a transform of other tables does not compile', () => {
    defineConfig({
      warehouses: {
        main: {
          ...base,
          transfers: {
            // @ts-expect-error the transform reads `other`, not `customer`
            customer: { from: 'crm', source: customer, target: bronzeCustomer, transform: toOther },
          },
        },
      },
    });
  });
});
