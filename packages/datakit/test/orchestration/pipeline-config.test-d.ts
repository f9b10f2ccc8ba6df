import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expectTypeOf, test } from 'vitest';
import { defineConfig } from '../../src/config/define-config.js';
import type { TaskContext } from '../../src/config/task-context.js';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { defineDimension } from '../../src/gold/define-dimension.js';
import { scd2Columns, surrogateKey } from '../../src/gold/dimension-columns.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';

const customer = pgTable('customer', { id: integer().primaryKey(), name: text().notNull() });
const invoice = pgTable('invoice', { id: integer().primaryKey(), total: integer().notNull() });
const outside = pgTable('outside', { id: integer().primaryKey() });
const crmCustomer = pgTable('crm_customer', { id: integer().primaryKey(), full_name: text().notNull() });

const dimCustomer = pgTable('dim_customer', {
  customer_key: surrogateKey(),
  customer_id: integer().notNull(),
  name: text().notNull(),
  ...scd2Columns(),
});
const dimOutside = pgTable('dim_outside', {
  outside_key: surrogateKey(),
  id: integer().notNull(),
  ...scd2Columns(),
});

const bronze = defineDatakit({ name: 'bronze', version: '1.0.0', layer: 'bronze', tables: { customer } });
const gold = defineDatakit({
  name: 'gold',
  version: '1.0.0',
  layer: 'gold',
  tables: { invoice, dimCustomer },
});

const customerDimension = defineDimension(inLayer(dimCustomer, 'gold'), {
  from: inLayer(customer, 'bronze'),
  select: { customer_id: customer.id, name: customer.name },
  businessKey: ['customer_id'],
  surrogateKey: 'customer_key',
});
const outsideDimension = defineDimension(inLayer(dimOutside, 'gold'), {
  from: inLayer(customer, 'bronze'),
  select: { id: customer.id },
  businessKey: ['id'],
  surrogateKey: 'outside_key',
});
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

  test('a dimension task on a dimension of a layer compiles beside the other kinds', () => {
    defineConfig({
      warehouses: {
        main: {
          ...base,
          pipelines: {
            nightly: {
              kindConcurrency: { dimension: 1 },
              tasks: [
                { transfer: 'customer' },
                {
                  dimension: customerDimension,
                  name: 'dim-customer',
                  after: ['customer'],
                  retries: 1,
                  timeoutMs: 60_000,
                },
                { name: 'after-dim', reads: [{ layer: 'gold', table: dimCustomer }], run: async () => {} },
              ],
            },
          },
        },
      },
    });
  });

  test('a dimension task on a table no layer holds does not compile', () => {
    defineConfig({
      warehouses: {
        main: {
          ...base,
          pipelines: {
            nightly: {
              tasks: [
                // @ts-expect-error `dim_outside` is in no layer of this warehouse
                { dimension: outsideDimension },
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
