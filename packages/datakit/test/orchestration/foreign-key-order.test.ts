import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WarehouseConfig } from '../../src/config/define-config.js';
import { deployWarehouse } from '../../src/deploy/deploy-warehouse.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { compilePipeline } from '../../src/orchestration/dag/compile-pipeline.js';
import { runPipeline } from '../../src/orchestration/execute/run-pipeline.js';
import { crm, customer, orders, silver } from './foreign-key-tables.js';

describe('foreign keys order the transfer tasks of a pipeline [pglite]', () => {
  let dir: string;
  let warehouse: Connection;
  let config: WarehouseConfig;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dk-fk-order-'));
    const urls = { warehouse: `pglite://${dir}/warehouse`, crm: `pglite://${dir}/crm` };
    const source = await connect(urls.crm);
    await source.query('create table customer (id integer primary key, name text not null)');
    await source.query('create table orders (id integer primary key, customer_id integer not null)');
    await source.query(`insert into customer values (1, 'Ada'), (2, 'Bob')`);
    await source.query('insert into orders values (10, 1), (11, 2), (12, 2)');
    await source.close();
    config = {
      layers: { silver: { datakits: [silver] } },
      sources: { crm },
      environments: { dev: { url: urls.warehouse, sources: { crm: urls.crm } } },
      transfers: {
        // The child first: declaration order alone would load orders before their customers.
        orders: { from: 'crm', source: orders, target: orders, layer: 'silver' },
        customer: { from: 'crm', source: customer, target: customer, layer: 'silver' },
      },
      pipelines: { load: { tasks: [{ transfer: 'orders' }, { transfer: 'customer' }] } },
    };
    warehouse = await connect(urls.warehouse);
    await deployWarehouse({ warehouse: config, connection: warehouse, apply: true });
  });
  afterAll(async () => {
    await warehouse?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the transfer into the parent table first, though it is declared after the child', async () => {
    const pipeline = compilePipeline(config, 'main', 'load');
    expect(pipeline.byName.get('orders')).toMatchObject({
      reads: ['crm:orders', 'silver.customer'],
      writes: ['silver.orders'],
      reasons: [{ table: 'silver.customer' }],
    });
    expect(pipeline.byName.get('orders')?.upstream.map((i) => pipeline.tasks[i]?.name)).toEqual(['customer']);
    const result = await runPipeline({
      pipeline,
      environment: 'dev',
      store: warehouse,
      endpoints: {
        warehouse: config.environments.dev?.url ?? '',
        sources: config.environments.dev?.sources ?? {},
      },
    });
    expect(result.tasks.map((t) => [t.task, t.state, t.error])).toEqual([
      ['orders', 'succeeded', null],
      ['customer', 'succeeded', null],
    ]);
    const [orderRun, customerRun] = result.tasks;
    expect(customerRun?.endedAt?.getTime()).toBeLessThanOrEqual(orderRun?.startedAt?.getTime() ?? 0);
    expect((await warehouse.query('select count(*)::int as n from silver.orders')).rows).toEqual([{ n: 3 }]);
  });
});
