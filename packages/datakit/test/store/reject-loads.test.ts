import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Connection } from '../../src/dialect/connection.js';
import { listLoadNames } from '../../src/store/loads/list-load-names.js';
import { listRejectLoads, type RejectLoadFilter } from '../../src/store/loads/list-reject-loads.js';
import { readRejects } from '../../src/store/loads/read-rejects.js';
import { migrateStore } from '../../src/store/migrate-store.js';
import { compileStoreSchema } from '../../src/store/store-schema.js';
import { describeOnEachStore, type OpenStoreDatabase } from './on-each-store.js';

// A store under another schema name: the operations must take every table from the compiled schema.
const store = compileStoreSchema('dk_rejects');
const dev = { warehouse: 'shop', environment: 'dev' };

const ID = {
  customer1: '00000000-0000-4000-8000-000000000001',
  customer2: '00000000-0000-4000-8000-000000000002',
  customerProd: '00000000-0000-4000-8000-000000000003',
  order: '00000000-0000-4000-8000-000000000004',
  silver: '00000000-0000-4000-8000-000000000005',
  orphan: '00000000-0000-4000-8000-000000000006',
} as const;

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

/**
 * Two loads of transfer customer in dev (the first rejected 2 rows, the latest none) and one in
 * prod; run 1 of dev with a transfer task (order: failed, 25 rejected, 1 stored), a SQL transform
 * task (silver.customer: no loads row, 3 rejects, its target from its lineage) and a custom task
 * whose load id is no UUID; and rejects of a load nobody recorded.
 */
async function seed(conn: Connection): Promise<string> {
  const load = (
    id: string,
    env: string,
    transfer: string,
    minute: number,
    status: string,
    rejected: number,
  ) =>
    conn.query(
      `insert into ${store.loads} ("load_id", "warehouse", "environment", "transfer", "source_system", "source_table",
         "target_table", "disposition", "status", "started_at", "heartbeat_at", "lease_expires_at", "rows_rejected")
       values ($1, 'shop', $2, $3, 'crm', $4, $5, 'replace', $6, $7, $7, $7, $8)`,
      [id, env, transfer, `crm.${transfer}`, `bronze.${transfer}`, status, at(minute), rejected],
    );
  await load(ID.customer1, 'dev', 'customer', 1, 'succeeded', 2);
  await load(ID.customer2, 'dev', 'customer', 5, 'succeeded', 0);
  await load(ID.customerProd, 'prod', 'customer', 6, 'succeeded', 1);
  await load(ID.order, 'dev', 'order', 10, 'failed', 25);
  const { rows } = await conn.query<{ id: string }>(
    `insert into ${store.runs} ("warehouse", "pipeline", "environment", "logical_time", "trigger", "state", "definition_hash", "datakits")
     values ('shop', 'nightly', 'dev', $1, 'manual', 'failed', 'h', '[]') returning "id"::text as "id"`,
    [at(9)],
  );
  const runId = rows[0]?.id as string;
  const task = (name: string, kind: string, loadId: string, minute: number, rejected: number) =>
    conn.query(
      `insert into ${store.taskRuns} ("run_id", "task", "kind", "state", "max_attempts", "started_at", "load_id", "rows_rejected")
       values ($1, $2, $3, 'succeeded', 1, $4, $5, $6)`,
      [runId, name, kind, at(minute), loadId, rejected],
    );
  await task('order', 'transfer', ID.order, 10, 25);
  await task('silver.customer', 'sql', ID.silver, 12, 3);
  await task('notify', 'custom', 'not-a-uuid', 13, 0);
  await conn.query(
    `insert into ${store.columnLineage} ("run_id", "task", "role", "target_schema", "target_table", "target_column")
     values ($1, 'silver.customer', 'select', 'silver', 'customer', 'id')`,
    [runId],
  );
  const reject = (loadId: string, target: string, n: number, value: string) =>
    conn.query(
      `insert into ${store.rejects} ("load_id", "source_table", "target_table", "row_number", "stage", "column", "rule", "message", "row")
       values ($1, 'crm.x', $2, $3, 'target', 'email', 'max-length:40', $4, $5)`,
      [loadId, target, n, `Row id=${n} of "x": ${value}`, JSON.stringify({ id: n, email: value })],
    );
  await reject(ID.customer1, 'bronze.customer', 3, 'a');
  await reject(ID.customer1, 'bronze.customer', 9, '<script>\n');
  await reject(ID.customerProd, 'bronze.customer', 1, 'prod');
  await reject(ID.order, 'bronze.order', 1, 'o');
  for (const n of [1, 2, 3]) await reject(ID.silver, 'silver.customer', n, 's');
  await reject(ID.orphan, 'gold.thing', 7, 'orphan');
  return runId;
}

function rejectLoadsSuite(open: OpenStoreDatabase) {
  let conn: Connection;
  let close: () => Promise<void>;
  let runId: string;
  const ids = async (filter: RejectLoadFilter) =>
    (await listRejectLoads(conn, dev, filter, store)).map((l) => [l.loadId, l.stored]);

  beforeAll(async () => {
    ({ conn, close } = await open());
    await migrateStore(conn, store);
    runId = await seed(conn);
  });
  afterAll(() => close());

  it('latest: the latest load of each transfer and SQL transform of the environment, newest first', async () => {
    expect(await ids({ by: 'latest' })).toEqual([
      [ID.silver, 3],
      [ID.order, 1],
      [ID.customer2, 0],
    ]);
  });

  it('all: every load of the environment that rejected rows, newest first', async () => {
    expect(await ids({ by: 'all' })).toEqual([
      [ID.silver, 3],
      [ID.order, 1],
      [ID.customer1, 2],
    ]);
  });

  it('transfer: its latest load, or every one; never another environment', async () => {
    expect(await ids({ by: 'transfer', name: 'customer', all: false })).toEqual([[ID.customer2, 0]]);
    expect(await ids({ by: 'transfer', name: 'customer', all: true })).toEqual([
      [ID.customer2, 0],
      [ID.customer1, 2],
    ]);
    expect(await ids({ by: 'transfer', name: 'silver.customer', all: false })).toEqual([[ID.silver, 3]]);
    expect(await ids({ by: 'transfer', name: "customer' or 'x'='x", all: true })).toEqual([]);
  });

  it("run: its tasks' loads in the order they started, with what each recorded", async () => {
    const loads = await listRejectLoads(conn, dev, { by: 'run', runId }, store);
    expect(loads).toEqual([
      {
        loadId: ID.order,
        name: 'order',
        kind: 'transfer',
        runId,
        sourceSystem: 'crm',
        sourceTable: 'crm.order',
        targetTable: 'bronze.order',
        status: 'failed',
        startedAt: new Date(at(10)),
        rowsRejected: 25,
        stored: 1,
      },
      {
        loadId: ID.silver,
        name: 'silver.customer',
        kind: 'sql',
        runId,
        sourceSystem: null,
        sourceTable: 'crm.x',
        targetTable: 'silver.customer',
        status: 'succeeded',
        startedAt: new Date(at(12)),
        rowsRejected: 3,
        stored: 3,
      },
    ]);
    expect(await ids({ by: 'run', runId: '999' })).toEqual([]);
  });

  it('load: one load by id (upper case too); rejects of an unrecorded load; not one of another environment', async () => {
    expect(await ids({ by: 'load', loadId: ID.customer1.toUpperCase() })).toEqual([[ID.customer1, 2]]);
    expect(await listRejectLoads(conn, dev, { by: 'load', loadId: ID.orphan }, store)).toEqual([
      {
        loadId: ID.orphan,
        name: null,
        kind: null,
        runId: null,
        sourceSystem: null,
        sourceTable: 'crm.x',
        targetTable: 'gold.thing',
        status: null,
        startedAt: expect.any(Date),
        rowsRejected: null,
        stored: 1,
      },
    ]);
    expect(await ids({ by: 'load', loadId: ID.customerProd })).toEqual([]);
  });

  it('readRejects: load by load in the order given, each in reject order, up to the limit', async () => {
    const all = await readRejects(conn, [ID.silver, ID.customer1], 10, store);
    expect(all.map((r) => [r.loadId, r.rowNumber])).toEqual([
      [ID.silver, 1],
      [ID.silver, 2],
      [ID.silver, 3],
      [ID.customer1, 3],
      [ID.customer1, 9],
    ]);
    expect(all[4]).toMatchObject({
      sourceTable: 'crm.x',
      targetTable: 'bronze.customer',
      stage: 'target',
      column: 'email',
      rule: 'max-length:40',
      message: 'Row id=9 of "x": <script>\n',
      hint: null,
      row: { id: 9, email: '<script>\n' },
      at: expect.any(Date),
    });
    expect((await readRejects(conn, [ID.customer1, ID.silver], 3, store)).map((r) => r.rowNumber)).toEqual([
      3, 9, 1,
    ]);
    expect(await readRejects(conn, [], 10, store)).toEqual([]);
  });

  it('listLoadNames: the transfers and tasks with loads in the environment', async () => {
    expect(await listLoadNames(conn, dev, store)).toEqual(['customer', 'notify', 'order', 'silver.customer']);
    expect(await listLoadNames(conn, { warehouse: 'shop', environment: 'prod' }, store)).toEqual([
      'customer',
    ]);
  });
}

await describeOnEachStore('reject loads in the run store', 'reject_loads', rejectLoadsSuite);
