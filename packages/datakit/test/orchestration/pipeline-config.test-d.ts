import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expectTypeOf, test } from 'vitest';
import { defineConfig } from '../../src/config/define-config.js';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import type { TaskContext } from '../../src/orchestration/task-context.js';

const customer = pgTable('customer', { id: integer().primaryKey(), name: text().notNull() });
const invoice = pgTable('invoice', { id: integer().primaryKey(), total: integer().notNull() });
const outside = pgTable('outside', { id: integer().primaryKey() });
const crmCustomer = pgTable('crm_customer', { id: integer().primaryKey(), full_name: text().notNull() });

const bronze = defineDatakit({ name: 'bronze', version: '1.0.0', layer: 'bronze', tables: { customer } });
const gold = defineDatakit({ name: 'gold', version: '1.0.0', layer: 'gold', tables: { invoice } });
const crm = defineDatakit({ name: 'crm', version: '1.0.0', tables: { customer: crmCustomer } });

const base = {
  layers: { bronze: { datakits: [bronze] }, gold: { datakits: [gold] } },
  sources: { crm },
  environments: { dev: { url: 'pglite://memory', sources: { crm: 'pglite://memory' } } },
  transfers: { customer: { from: 'crm', source: crmCustomer, target: customer } },
};

describe('pipeline types', () => {
  test('tasks on the warehouse tables compile, and ctx is typed', () => {
    defineConfig({
      warehouses: {
        main: {
          ...base,
          pipelines: {
            nightly: {
              tasks: [
                { transfer: 'customer' },
                {
                  name: 'invoices',
                  reads: [customer, crmCustomer],
                  writes: [{ layer: 'gold', table: invoice }],
                  run: async (ctx) => {
                    expectTypeOf(ctx).toEqualTypeOf<TaskContext>();
                  },
                },
              ],
            },
          },
        },
      },
    });
  });

  test('a task reading a table no layer holds does not compile', () => {
    defineConfig({
      warehouses: {
        main: {
          ...base,
          pipelines: {
            nightly: {
              tasks: [
                // @ts-expect-error `outside` is in no layer or source of this warehouse
                { name: 'bad', reads: [outside], run: async () => {} },
              ],
            },
          },
        },
      },
    });
  });

  test('a table named in the wrong layer does not compile', () => {
    defineConfig({
      warehouses: {
        main: {
          ...base,
          pipelines: {
            nightly: {
              tasks: [
                // @ts-expect-error `invoice` is a gold table, not a bronze one
                { name: 'bad', writes: [{ layer: 'bronze', table: invoice }], run: async () => {} },
              ],
            },
          },
        },
      },
    });
  });

  test('a task naming an undeclared transfer does not compile', () => {
    defineConfig({
      warehouses: {
        main: {
          ...base,
          pipelines: {
            nightly: {
              tasks: [
                // @ts-expect-error there is no transfer "custmer"
                { transfer: 'custmer' },
              ],
            },
          },
        },
      },
    });
  });
});
