import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { WarehouseConfig } from '../../src/config/define-config.js';
import { validateConfig } from '../../src/config/load-config.js';
import { selectEnvironment } from '../../src/config/select-environment.js';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { lineageColumns } from '../../src/contract/lineage-columns.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { compileTransfers } from '../../src/orchestration/dag/compile-transfers.js';
import { locateTable } from '../../src/warehouse/locate-table.js';
import { planWarehouse } from '../../src/warehouse/plan-warehouse.js';

const customer = pgTable('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
});
const orders = pgTable('orders', {
  order_id: integer().primaryKey(),
  customer_id: integer()
    .notNull()
    .references(() => customer.customer_id),
});
const crm = defineDatakit({
  name: 'crm',
  version: '1.0.0',
  system: 'crm-db',
  tables: { customer, orders },
  options: { driftPolicy: 'quarantine', tables: { customer: { cursor: 'updated_at' } } },
});
const bCustomer = pgTable('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
  ...lineageColumns(),
});
const bOrders = pgTable('orders', {
  order_id: integer().primaryKey(),
  customer_id: integer()
    .notNull()
    .references(() => bCustomer.customer_id),
  ...lineageColumns(),
});
const bronze = defineDatakit({
  name: 'bronze',
  version: '2.1.0',
  layer: 'bronze',
  system: 'crm-db',
  tables: { customer: bCustomer, orders: bOrders },
  options: { writeDisposition: 'merge', tables: { orders: { driftPolicy: 'evolve' } } },
});

function warehouse(
  transfers: WarehouseConfig['transfers'],
  layers?: WarehouseConfig['layers'],
): WarehouseConfig {
  return {
    layers: layers ?? {
      bronze: { datakits: [bronze], schema: 'raw_{system}' },
      silver: { datakits: [bronze] },
    },
    sources: { crm },
    environments: { dev: { url: 'pglite://memory', sources: { crm: 'postgres://u@crm:5432/crm' } } },
    ...(transfers ? { transfers } : {}),
  };
}

const plan = (w: WarehouseConfig, names?: string[]) => {
  const config = validateConfig({ warehouses: { main: w } });
  const p = planWarehouse(
    selectEnvironment({ config, root: '/tmp', file: '/tmp/datakit.config.ts' }, { env: 'dev' }),
  );
  return { plan: p, selected: p.select(names) };
};

function configError(fn: () => unknown): DatakitError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DatakitError) return error;
    throw error;
  }
  throw new Error('expected a DatakitError');
}

const transfers: WarehouseConfig['transfers'] = {
  silver_orders: { from: 'bronze', source: bOrders, target: bOrders, layer: 'silver' },
  orders: { from: 'crm', source: orders, target: bOrders },
  silver_customer: { from: 'bronze', source: bCustomer, target: bCustomer, layer: 'silver' },
  customer: { from: 'crm', source: customer, target: bCustomer, options: { maxRejects: 5 } },
};

describe('the warehouse plan', () => {
  it('places every table in one place, and deploy places them the same way', () => {
    const w = warehouse(transfers);
    const { plan: p } = plan(w);
    expect(p.tables.map((t) => t.id)).toEqual([
      'raw_crm_db.customer',
      'raw_crm_db.orders',
      'silver.customer',
      'silver.orders',
    ]);
    expect(p.tables.map((t) => `${t.contract.schema}.${t.contract.name}`)).toEqual(p.tables.map((t) => t.id));
    expect(p.sources.map((t) => [t.id, t.system, t.layer])).toEqual([
      ['crm:customer', 'crm', 'source'],
      ['crm:orders', 'crm', 'source'],
    ]);
    expect(locateTable(w, 'bronze', bronze, 'orders')).toEqual({
      layer: 'bronze',
      schema: 'raw_crm_db',
      name: 'orders',
    });
    expect(p.tables.find((t) => t.id === 'raw_crm_db.orders')?.contract.foreignKeys).toEqual([]);
    expect(p.tables.find((t) => t.id === 'silver.orders')?.contract.foreignKeys[0]?.references).toMatchObject(
      {
        schema: 'silver',
        table: 'customer',
      },
    );
  });

  it('resolves each transfer: tables, disposition, cursor and drift policies from the datakits', () => {
    const { plan: p } = plan(warehouse(transfers));
    const customerT = p.transfers.find((t) => t.name === 'customer');
    expect(customerT).toMatchObject({
      source: { layer: 'source', system: 'crm', id: 'crm:customer', name: 'customer' },
      target: { id: 'raw_crm_db.customer', layer: 'bronze' },
      disposition: 'merge',
      options: { cursor: 'updated_at', maxRejects: 5 },
      drift: { source: 'quarantine', target: 'fail' },
    });
    expect(p.transfers.find((t) => t.name === 'orders')).toMatchObject({
      options: {},
      drift: { source: 'quarantine', target: 'evolve' },
    });
    expect(p.transfers.find((t) => t.name === 'silver_orders')).toMatchObject({
      source: { layer: 'bronze', schema: 'raw_crm_db', id: 'raw_crm_db.orders' },
      target: { id: 'silver.orders', layer: 'silver' },
    });
  });

  it('orders transfers by the data they move: a reader after the writer, a foreign key after its parent', () => {
    const w = warehouse(transfers);
    validateConfig({ warehouses: { main: w } });
    const pipeline = compileTransfers(w, 'main');
    expect(pipeline.tasks.map((t) => t.name)).toEqual([
      'orders',
      'customer',
      'silver_customer',
      'silver_orders',
    ]);
    const edges = (name: string) => {
      const task = pipeline.byName.get(name);
      return task?.upstream.map((i, n) => [pipeline.tasks[i]?.name, task.reasons[n]]);
    };
    expect(edges('silver_orders')).toEqual([
      ['orders', { table: 'raw_crm_db.orders' }],
      ['silver_customer', { table: 'silver.customer' }],
    ]);
    expect(edges('silver_customer')).toEqual([['customer', { table: 'raw_crm_db.customer' }]]);
    expect(pipeline.byName.get('silver_orders')).toMatchObject({
      reads: ['raw_crm_db.orders', 'silver.customer'],
      writes: ['silver.orders'],
    });
    expect(compileTransfers(w, 'main', ['silver_orders', 'orders']).tasks.map((t) => t.name)).toEqual([
      'orders',
      'silver_orders',
    ]);
  });

  it('places by table and layer: each system in its own schema, a table in two layers only with its layer', () => {
    const other = pgTable('customer', { id: integer().primaryKey() });
    const erp = defineDatakit({
      name: 'erp',
      version: '1.0.0',
      layer: 'bronze',
      system: 'erp-db',
      tables: { other },
    });
    const { plan: p } = plan(
      warehouse(undefined, {
        bronze: { datakits: [bronze, erp], schema: 'raw_{system}' },
        silver: { datakits: [bronze] },
      }),
    );
    expect(p.place(bCustomer, 'bronze')).toMatchObject({ id: 'raw_crm_db.customer', schema: 'raw_crm_db' });
    expect(p.place(other)).toMatchObject({
      id: 'raw_erp_db.customer',
      schema: 'raw_erp_db',
      layer: 'bronze',
    });
    expect(p.place({ layer: 'silver', table: bCustomer })).toMatchObject({ id: 'silver.customer' });
    expect(p.place(customer)).toMatchObject({ id: 'crm:customer', layer: 'source', system: 'crm' });
    expect(p.references(p.place(bOrders, 'silver') as never).map((t) => t.id)).toEqual(['silver.customer']);
    const ambiguous = configError(() => p.place(bCustomer, undefined, 'tasks[0].reads[0]'));
    expect(ambiguous.message).toBe('tasks[0].reads[0] names table "customer", which is in bronze and silver');
    expect(ambiguous.hint).toBe("Say which: { layer: 'bronze', table: … }.");
    expect(configError(() => p.place(other, 'silver')).message).toBe(
      'Table "customer" in layer silver, which does not hold it',
    );
  });

  it('an unknown transfer name is a usage error with the nearest name', () => {
    const error = configError(() => plan(warehouse(transfers), ['custmer']));
    expect(error.code).toBe('USAGE');
    expect(error.hint).toBe('Did you mean "customer"?');
  });

  it('a cycle of transfers is a config error naming it', () => {
    const error = configError(() =>
      compileTransfers(
        warehouse({
          up: { from: 'bronze', source: bCustomer, target: bCustomer, layer: 'silver' },
          down: { from: 'silver', source: bCustomer, target: bCustomer, layer: 'bronze' },
        }),
        'main',
      ),
    );
    expect(error.code).toBe('CONFIG');
    expect(error.message).toMatch(
      /^warehouses\.main\.transfers has a cycle: (up → down → up|down → up → down)/,
    );
  });
});

describe('transfer options in the config', () => {
  it('reject typos with the nearest valid key, every one of them', () => {
    const error = configError(() =>
      plan(
        warehouse({
          customer: {
            from: 'crm',
            source: customer,
            target: bCustomer,
            options: { cursr: 'updated_at', maxRejcts: 0 } as never,
          },
        }),
      ),
    );
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain(
      'unknown key "warehouses.main.transfers.customer.options.cursr" — did you mean "cursor"?',
    );
    expect(error.message).toContain(
      '"warehouses.main.transfers.customer.options.maxRejcts" — did you mean "maxRejects"?',
    );
    expect(error.hint).toBe('Rename "cursr" to "cursor" and "maxRejcts" to "maxRejects".');
  });

  it('take lockTimeout (milliseconds, 0 or more) and pass it to the transfer', () => {
    const planned = plan(
      warehouse({
        customer: { from: 'crm', source: customer, target: bCustomer, options: { lockTimeout: 60_000 } },
      }),
    );
    expect(planned.selected[0]?.options.lockTimeout).toBe(60_000);
    const error = configError(() =>
      plan(
        warehouse({
          customer: { from: 'crm', source: customer, target: bCustomer, options: { lockTimeout: -1 } },
        }),
      ),
    );
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain('warehouses.main.transfers.customer.options.lockTimeout');
  });

  it("check the cursor and key against the tables' columns", () => {
    const cursor = configError(() =>
      plan(
        warehouse({
          customer: {
            from: 'crm',
            source: customer,
            target: bCustomer,
            options: { cursor: 'updatd_at' as never },
          },
        }),
      ),
    );
    expect(cursor.message).toContain(
      'options.cursor names "updatd_at", which is not a column of the source table "customer" — did you mean "updated_at"?',
    );
    const key = configError(() =>
      plan(
        warehouse({
          customer: {
            from: 'crm',
            source: customer,
            target: bCustomer,
            options: { key: ['custmer_id'] as never },
          },
        }),
      ),
    );
    expect(key.context.key).toBe('warehouses.main.transfers.customer.options.key');
  });

  it('check partitions and maxRejects values', () => {
    const partitions = configError(() =>
      plan(
        warehouse({
          customer: { from: 'crm', source: customer, target: bCustomer, options: { partitions: 0 } },
        }),
      ),
    );
    expect(partitions.message).toContain('warehouses.main.transfers.customer.options.partitions');
    const rejects = configError(() =>
      plan(
        warehouse({
          customer: { from: 'crm', source: customer, target: bCustomer, options: { maxRejects: 1.5 } },
        }),
      ),
    );
    expect(rejects.message).toContain('a count (0, 1, 2, ...) or a fraction between 0 and 1');
  });

  it('refuse a target outside the layers and a source outside its system', () => {
    const other = pgTable('other', { id: integer().primaryKey() });
    expect(
      configError(() => plan(warehouse({ t: { from: 'crm', source: customer, target: other } }))).message,
    ).toContain('transfers.t.target is not a table of any layer');
    expect(
      configError(() => plan(warehouse({ t: { from: 'crm', source: other, target: bCustomer } }))).message,
    ).toContain('transfers.t.source is not a table of source system "crm"');
  });

  it('refuse a datakit cursor that is not a column, and a cursor for every table', () => {
    expect(() =>
      defineDatakit({
        name: 'x',
        version: '1.0.0',
        tables: { customer },
        options: { tables: { customer: { cursor: 'updatd_at' as never } } },
      }),
    ).toThrow(
      'the cursor "updatd_at" of table "customer" is not one of its columns — did you mean "updated_at"?',
    );
    expect(() =>
      defineDatakit({
        name: 'x',
        version: '1.0.0',
        tables: { customer },
        options: { cursor: 'updated_at' } as never,
      }),
    ).toThrow('sets a cursor for every table');
  });
});
