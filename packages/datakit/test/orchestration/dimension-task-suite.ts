import { sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WarehouseConfig } from '../../src/config/define-config.js';
import type { TaskConfig } from '../../src/config/pipeline-config.js';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { defineDimension } from '../../src/gold/define-dimension.js';
import { scd2Columns, surrogateKey } from '../../src/gold/dimension-columns.js';
import { compilePipeline } from '../../src/orchestration/dag/compile-pipeline.js';
import { runPipeline } from '../../src/orchestration/execute/run-pipeline.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { readLineage } from '../../src/store/runs/read-lineage.js';
import type { PlacedTable } from '../../src/warehouse/placed-table.js';
import { planWarehouse } from '../../src/warehouse/plan-warehouse.js';
import { openStore, type StoreFixture } from './fixtures.js';

const member = pgTable('member', { id: integer().primaryKey(), name: text().notNull(), tier: text() });
const dimMember = pgTable('dim_member', {
  member_key: surrogateKey(),
  member_id: integer().notNull(),
  name: text().notNull(),
  tier: text(),
  ...scd2Columns(),
});
const stray = pgTable('stray', { id: integer().primaryKey(), name: text().notNull() });

const memberDimension = defineDimension(inLayer(dimMember, 'gold'), {
  from: inLayer(member, 'bronze'),
  select: { member_id: member.id, name: member.name, tier: member.tier },
  businessKey: ['member_id'],
  surrogateKey: 'member_key',
  unknownMember: { member_id: -1, name: 'Unknown' },
});
const strayDimension = defineDimension(inLayer(dimMember, 'gold'), {
  from: inLayer(stray, 'bronze'),
  select: { member_id: stray.id, name: stray.name },
  businessKey: ['member_id'],
  surrogateKey: 'member_key',
});
// Its source query sleeps for 30 s: only a timeout that cancels the statement ends it sooner.
const slowDimension = defineDimension(inLayer(dimMember, 'gold'), {
  name: 'slow-dim',
  from: inLayer(member, 'bronze'),
  where: sql`(select true from pg_sleep(30))`,
  select: { member_id: member.id, name: member.name, tier: member.tier },
  businessKey: ['member_id'],
  surrogateKey: 'member_key',
});

type Member = typeof member.$inferSelect;
let source: Member[] = [];

/** bronze.member (loaded by a custom task) → gold.dim_member (the dimension task) → a reader of it. */
const tasks: TaskConfig[] = [
  {
    name: 'load-members',
    writes: [{ layer: 'bronze', table: member }],
    run: async (ctx) => {
      const conn = ctx.connections.warehouse;
      await conn.query(`delete from ${q(placed.member)}`);
      for (const m of source)
        await conn.query(`insert into ${q(placed.member)} values ($1, $2, $3)`, [m.id, m.name, m.tier]);
    },
  },
  { dimension: memberDimension },
  { name: 'read-dim', reads: [{ layer: 'gold', table: dimMember }], run: async () => {} },
];

const warehouse = (pipelineTasks: readonly TaskConfig[]): WarehouseConfig => ({
  layers: {
    bronze: {
      datakits: [defineDatakit({ name: 'raw', version: '1.0.0', layer: 'bronze', tables: { member } })],
    },
    gold: {
      datakits: [defineDatakit({ name: 'mart', version: '1.0.0', layer: 'gold', tables: { dimMember } })],
    },
  },
  environments: { dev: { url: 'pglite://memory' } },
  pipelines: { p: { tasks: pipelineTasks } },
});

const plan = planWarehouse({ warehouse: warehouse(tasks), warehouseName: 'main' });
const placed = {
  member: plan.place(member, 'bronze'),
  dimMember: plan.place(dimMember, 'gold'),
};
const q = (p: PlacedTable) => `"${p.schema}"."${p.name}"`;

/** Dimension tasks in a pipeline, on a warehouse that is also the run store (PGlite or PostgreSQL). */
export function dimensionTaskSuite(kind: 'postgres' | 'pglite'): void {
  let fx: StoreFixture;

  beforeAll(async () => {
    fx = await openStore(kind, 'dimtask');
    const ddl = fx.store.dialect.createDdlCompiler();
    for (const p of Object.values(placed)) {
      await fx.store.query(`create schema if not exists "${p.schema}"`);
      for (const statement of ddl.createTable(p.contract)) await fx.store.query(statement);
    }
  });
  afterAll(async () => fx?.close());

  const run = (logicalTime: string) =>
    runPipeline({
      pipeline: compilePipeline(warehouse(tasks), 'main', 'p'),
      environment: 'dev',
      store: fx.store,
      endpoints: { warehouse: fx.url, sources: {} },
      logicalTime: new Date(logicalTime),
    });
  const versions = async () =>
    (
      await fx.store.query<{ member_id: number; tier: string | null; valid_to: string; is_current: boolean }>(
        `select "member_id", "tier", "valid_to"::text as "valid_to", "is_current" from ${q(placed.dimMember)}
         where "member_key" <> -1 order by "member_id", "valid_from"`,
      )
    ).rows.map((r) => ({ ...r, valid_to: r.valid_to.replace(/\+00(:00)?$/, 'Z') }));

  it("derives the dimension task's name and edges from the dimension's tables", () => {
    const pipeline = compilePipeline(warehouse(tasks), 'main', 'p');
    const upstream = (name: string) =>
      pipeline.byName.get(name)?.upstream.map((i) => pipeline.tasks[i]?.name);
    expect(pipeline.byName.get('gold.dim_member')).toMatchObject({
      kind: 'dimension',
      reads: [placed.member.id],
      writes: [placed.dimMember.id],
    });
    expect(upstream('gold.dim_member')).toEqual(['load-members']);
    expect(upstream('read-dim')).toEqual(['gold.dim_member']);
  });

  it('names the task and the table when a dimension reads a table the warehouse does not hold', () => {
    expect(() =>
      compilePipeline(warehouse([{ dimension: strayDimension, name: 'stray' }]), 'main', 'p'),
    ).toThrow(/tasks\[0\]\.dimension \(reads\[0\]\).*stray/);
  });

  it('runs at the logical time: counts, then a change closes and opens versions; lineage is stored', async () => {
    source = [
      { id: 1, name: 'Ada', tier: 'gold' },
      { id: 2, name: 'Bo', tier: null },
      { id: 3, name: 'Cy', tier: 'silver' },
    ];
    const first = await run('2025-01-01T00:00:00Z');
    expect(first.ok).toBe(true);
    const task = (r: typeof first) => r.tasks.find((t) => t.task === 'gold.dim_member');
    expect(task(first)).toMatchObject({ kind: 'dimension', state: 'succeeded' });
    expect(task(first)?.rows).toEqual({ read: 3, loaded: 3, rejected: 0, dropped: 0 });
    expect(first.events.map((e) => e.message)).toContain(
      `${placed.dimMember.schema}.dim_member: 3 new, 0 changed, 0 re-opened, 0 inferred completed, 0 deleted, 0 unchanged; 3 version(s) opened, 0 closed`,
    );
    expect((await versions()).every((v) => v.is_current && v.valid_to === 'infinity')).toBe(true);

    source = [
      { id: 1, name: 'Ada', tier: 'platinum' },
      { id: 2, name: 'Bo', tier: null },
      { id: 4, name: 'Di', tier: null },
    ];
    const second = await run('2025-01-02T00:00:00Z');
    expect(second.ok).toBe(true);
    expect(task(second)?.rows).toEqual({ read: 3, loaded: 2, rejected: 0, dropped: 0 });
    expect(second.events.map((e) => e.message)).toContain(
      `${placed.dimMember.schema}.dim_member: 1 new, 1 changed, 0 re-opened, 0 inferred completed, 1 deleted, 1 unchanged; 2 version(s) opened, 2 closed`,
    );
    const closedAt = '2025-01-02 00:00:00Z';
    expect(await versions()).toEqual([
      { member_id: 1, tier: 'gold', valid_to: closedAt, is_current: false },
      { member_id: 1, tier: 'platinum', valid_to: 'infinity', is_current: true },
      { member_id: 2, tier: null, valid_to: 'infinity', is_current: true },
      { member_id: 3, tier: 'silver', valid_to: closedAt, is_current: false },
      { member_id: 4, tier: null, valid_to: 'infinity', is_current: true },
    ]);

    const column = (name: string) => ({
      layer: 'bronze',
      schema: placed.member.schema,
      table: 'member',
      column: name,
    });
    expect(await readLineage(fx.store, second.run.id)).toEqual([
      {
        task: 'gold.dim_member',
        target: { layer: 'gold', schema: placed.dimMember.schema, table: 'dim_member' },
        columns: [
          { column: 'member_id', sources: [column('id')] },
          { column: 'name', sources: [column('name')] },
          { column: 'tier', sources: [column('tier')] },
        ],
        filters: [],
      },
    ]);
  });

  // PGlite runs in this thread, so a sleeping statement there cannot be cancelled from outside.
  if (kind === 'postgres')
    it("a timeout aborts the dimension's statements and leaves the dimension as it was", async () => {
      const before = await versions();
      const started = performance.now();
      const result = await runPipeline({
        pipeline: compilePipeline(warehouse([{ dimension: slowDimension, timeoutMs: 400 }]), 'main', 'p'),
        environment: 'dev',
        store: fx.store,
        endpoints: { warehouse: fx.url, sources: {} },
        logicalTime: new Date('2025-01-03T00:00:00Z'),
      });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(result.tasks[0]).toMatchObject({ task: 'slow-dim', state: 'failed', errorCode: 'TIMEOUT' });
      expect(await versions()).toEqual(before);
      const { rows } = await fx.store.query(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and query like '%pg_sleep(30)%' and pid <> pg_backend_pid()`,
      );
      expect(rows[0]).toEqual({ n: 0 });
    });
}
