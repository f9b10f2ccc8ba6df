import { eq } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WarehouseConfig } from '../../src/config/define-config.js';
import type { TaskConfig } from '../../src/config/pipeline-config.js';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { deployWarehouse } from '../../src/deploy/deploy-warehouse.js';
import { defineDimension } from '../../src/gold/define-dimension.js';
import { scd2Columns, surrogateKey } from '../../src/gold/dimension-columns.js';
import { compilePipeline } from '../../src/orchestration/dag/compile-pipeline.js';
import { runPipeline } from '../../src/orchestration/execute/run-pipeline.js';
import { relationshipCheck } from '../../src/quality/relationship-check.js';
import { rowCountCheck } from '../../src/quality/row-count-check.js';
import { defineSqlTransform } from '../../src/sql-transform/define-sql-transform.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { innerJoin } from '../../src/sql-transform/join.js';
import { readCheckResults } from '../../src/store/runs/read-check-results.js';
import { readLineage } from '../../src/store/runs/read-lineage.js';
import { openStore, type StoreFixture } from './fixtures.js';

// Two source systems' bronze tables in one layer whose schema is per system (`raw_{system}`):
// System A's customer lives in raw_system_a, System D's order in raw_system_d.
const customer = pgTable('customer', { id: integer().primaryKey(), name: text().notNull() });
const order = pgTable('order', {
  id: integer().primaryKey(),
  customer_id: integer().notNull(),
  amount: integer().notNull(),
});
const bronzeA = defineDatakit({
  name: 'bronze-a',
  version: '1.0.0',
  layer: 'bronze',
  system: 'system-a',
  tables: { customer },
});
const bronzeD = defineDatakit({
  name: 'bronze-d',
  version: '1.0.0',
  layer: 'bronze',
  system: 'system-d',
  tables: { order },
});
const orderWithCustomer = pgTable('order_with_customer', {
  id: integer().primaryKey(),
  customer_name: text().notNull(),
  amount: integer().notNull(),
});
const dimOrder = pgTable('dim_order', {
  order_key: surrogateKey(),
  order_id: integer().notNull(),
  customer_name: text().notNull(),
  ...scd2Columns(),
});
const silver = defineDatakit({
  name: 'silver',
  version: '1.0.0',
  layer: 'silver',
  tables: { orderWithCustomer },
});
const gold = defineDatakit({ name: 'gold', version: '1.0.0', layer: 'gold', tables: { dimOrder } });

const joinBoth = defineSqlTransform(inLayer(orderWithCustomer, 'silver'), {
  from: inLayer(order, 'bronze'),
  joins: [innerJoin(inLayer(customer, 'bronze'), eq(customer.id, order.customer_id))],
  select: { id: order.id, customer_name: customer.name, amount: order.amount },
  disposition: 'replace',
});
const orderDimension = defineDimension(inLayer(dimOrder, 'gold'), {
  from: inLayer(order, 'bronze'),
  joins: [innerJoin(inLayer(customer, 'bronze'), eq(customer.id, order.customer_id))],
  select: { order_id: order.id, customer_name: customer.name },
  businessKey: ['order_id'],
  surrogateKey: 'order_key',
});

const checkTask: TaskConfig = {
  name: 'check-bronze',
  checks: [
    relationshipCheck(inLayer(order, 'bronze'), ['customer_id'], inLayer(customer, 'bronze'), ['id']),
    rowCountCheck(inLayer(customer, 'bronze'), inLayer(order, 'bronze'), { tolerance: 1 }),
  ],
};

const warehouse: WarehouseConfig = {
  layers: {
    bronze: { datakits: [bronzeA, bronzeD], schema: 'raw_{system}' },
    silver: { datakits: [silver] },
    gold: { datakits: [gold] },
  },
  environments: { dev: { url: 'pglite://memory' } },
  pipelines: {
    checks: { tasks: [checkTask] },
    transform: { tasks: [{ sqlTransform: joinBoth, name: 'order-with-customer' }] },
    dimension: { tasks: [{ dimension: orderDimension, name: 'dim-order' }] },
  },
};

describe('a per-system layer schema (raw_{system}) with two systems in one layer [pglite]', () => {
  let fx: StoreFixture;

  beforeAll(async () => {
    fx = await openStore('pglite', 'per-system');
    expect((await deployWarehouse({ warehouse, connection: fx.store, apply: true })).status).toBe('applied');
    await fx.store.query(`insert into raw_system_a.customer values (1, 'Ada'), (2, 'Bob')`);
    await fx.store.query(`insert into raw_system_d."order" values (10, 1, 5), (11, 2, 7), (12, 2, 9)`);
  });
  afterAll(async () => fx?.close());

  const run = async (name: string) => {
    const result = await runPipeline({
      pipeline: compilePipeline(warehouse, 'main', name),
      environment: 'dev',
      store: fx.store,
      endpoints: { warehouse: fx.url, sources: {} },
    });
    expect(result.tasks.map((t) => [t.task, t.state, t.error])).toEqual([
      [result.tasks[0]?.task, 'succeeded', null],
    ]);
    return result;
  };

  it('a quality check reads each system’s table in its own schema', async () => {
    const result = await run('checks');
    const checks = await readCheckResults(fx.store, result.run.id);
    expect(checks.map((c) => [c.check, c.table, c.status])).toEqual([
      ['relationship(bronze.order.customer_id -> bronze.customer.id)', 'raw_system_d.order', 'pass'],
      ['row-count(bronze.customer ~ bronze.order)', 'raw_system_a.customer', 'pass'],
    ]);
  });

  it('a SQL transform joins the two systems’ tables, and its lineage names their schemas', async () => {
    const result = await run('transform');
    expect(
      (await fx.store.query('select id, customer_name, amount from silver.order_with_customer order by id'))
        .rows,
    ).toEqual([
      { id: 10, customer_name: 'Ada', amount: 5 },
      { id: 11, customer_name: 'Bob', amount: 7 },
      { id: 12, customer_name: 'Bob', amount: 9 },
    ]);
    const [lineage] = await readLineage(fx.store, result.run.id);
    expect(
      lineage?.columns.map((c) => [c.column, c.sources.map((s) => `${s.schema}.${s.table}.${s.column}`)]),
    ).toEqual([
      ['id', ['raw_system_d.order.id']],
      ['customer_name', ['raw_system_a.customer.name']],
      ['amount', ['raw_system_d.order.amount']],
    ]);
  });

  it('a dimension joins the two systems’ tables', async () => {
    await run('dimension');
    expect(
      (
        await fx.store.query(
          'select order_id, customer_name from gold.dim_order where order_id > 0 order by 1',
        )
      ).rows,
    ).toEqual([
      { order_id: 10, customer_name: 'Ada' },
      { order_id: 11, customer_name: 'Bob' },
      { order_id: 12, customer_name: 'Bob' },
    ]);
  });
});
