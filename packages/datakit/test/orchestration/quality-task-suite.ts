import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TaskConfig } from '../../src/config/pipeline-config.js';
import { compilePipeline } from '../../src/orchestration/dag/compile-pipeline.js';
import { runPipeline } from '../../src/orchestration/execute/run-pipeline.js';
import type { Severity } from '../../src/quality/quality-check.js';
import { sqlCheck } from '../../src/quality/sql-check.js';
import { defineSqlTransform } from '../../src/sql-transform/define-sql-transform.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { readCheckResults } from '../../src/store/runs/read-check-results.js';
import { readLineage } from '../../src/store/runs/read-lineage.js';
import type { PlacedTable } from '../../src/warehouse/placed-table.js';
import { planWarehouse } from '../../src/warehouse/plan-warehouse.js';
import { mart, openStore, rawA, rawB, report, type StoreFixture, warehouseWith } from './fixtures.js';

const martFromRawA = defineSqlTransform(inLayer(mart, 'gold'), {
  from: inLayer(rawA, 'bronze'),
  select: { id: rawA.id },
  disposition: 'append',
});

const reportFromMart = defineSqlTransform(inLayer(report, 'gold'), {
  from: inLayer(mart, 'gold'),
  select: { id: mart.id },
  disposition: 'append',
});

/**
 * A pipeline: load bronze.raw_a → SQL transform into gold.mart → quality checks on it → report
 * (after the checks by `after`) and a SQL transform from gold.mart (after them by its tables only).
 */
function tasks(severity: Severity): TaskConfig[] {
  return [
    {
      name: 'load-raw',
      writes: [{ layer: 'bronze', table: rawA }],
      run: async (ctx) => {
        await ctx.connections.warehouse.query(`insert into ${q(placed.rawA)} values (1), (2), (3)`);
      },
    },
    { sqlTransform: martFromRawA, name: 'build-mart' },
    {
      name: 'check-mart',
      // Every row of gold.mart "fails": three failing rows.
      checks: [sqlCheck('mart-rows', sql`select 1 as one from ${inLayer(mart, 'gold')}`, { severity })],
    },
    {
      name: 'report',
      after: ['check-mart'],
      writes: [{ layer: 'bronze', table: rawB }],
      run: async (ctx) => {
        await ctx.connections.warehouse.query(`insert into ${q(placed.rawB)} values (1)`);
      },
    },
    { sqlTransform: reportFromMart, name: 'report-from-mart' },
  ];
}

const plan = planWarehouse({ warehouse: warehouseWith([]), warehouseName: 'main' });
const placed = {
  rawA: plan.place(rawA, 'bronze'),
  rawB: plan.place(rawB, 'bronze'),
  mart: plan.place(mart),
  report: plan.place(report),
};
const q = (p: PlacedTable) => `"${p.schema}"."${p.name}"`;

/** SQL-transform and quality-check tasks on a run store of the kind (PGlite or PostgreSQL). */
export function qualityTaskSuite(kind: 'postgres' | 'pglite'): void {
  let fx: StoreFixture;

  beforeAll(async () => {
    fx = await openStore(kind, 'qtask');
    for (const p of Object.values(placed)) {
      await fx.store.query(`create schema if not exists "${p.schema}"`);
      await fx.store.query(`create table ${q(p)} ("id" integer primary key)`);
    }
  });
  afterAll(async () => fx?.close());

  const run = async (severity: Severity) => {
    for (const p of Object.values(placed)) await fx.store.query(`delete from ${q(p)}`);
    return runPipeline({
      pipeline: compilePipeline(warehouseWith(tasks(severity)), 'main', 'p'),
      environment: `env-${severity}`,
      store: fx.store,
      endpoints: { warehouse: fx.url, sources: {} },
    });
  };

  it("derives the SQL transform's and the checks' edges from their tables", () => {
    const pipeline = compilePipeline(warehouseWith(tasks('error')), 'main', 'p');
    const upstream = (name: string) =>
      pipeline.byName.get(name)?.upstream.map((i) => pipeline.tasks[i]?.name);
    expect(pipeline.byName.get('build-mart')).toMatchObject({
      kind: 'sql',
      reads: [placed.rawA.id],
      writes: [placed.mart.id],
    });
    expect(upstream('build-mart')).toEqual(['load-raw']);
    expect(pipeline.byName.get('check-mart')).toMatchObject({
      kind: 'quality',
      gates: [placed.mart.id],
    });
    expect(upstream('check-mart')).toEqual(['build-mart']);
    expect(upstream('report')).toEqual(['check-mart']);
    // No `after`: it reads gold.mart, which check-mart covers.
    expect(upstream('report-from-mart')).toEqual(['build-mart', 'check-mart']);
    expect(pipeline.byName.get('report-from-mart')?.reasons).toEqual([
      { table: placed.mart.id },
      { table: placed.mart.id, gate: true },
    ]);
  });

  it('a check in error fails its task and blocks the tasks that read its table; its result is stored', async () => {
    const result = await run('error');
    expect(result.ok).toBe(false);
    const state = Object.fromEntries(result.tasks.map((t) => [t.task, t.state]));
    expect(state).toEqual({
      'load-raw': 'succeeded',
      'build-mart': 'succeeded',
      'check-mart': 'failed',
      report: 'upstream_failed',
      'report-from-mart': 'upstream_failed',
    });
    const build = result.tasks.find((t) => t.task === 'build-mart');
    expect(build?.rows).toEqual({ read: 3, loaded: 3, rejected: 0, dropped: 0 });
    expect(result.tasks.find((t) => t.task === 'check-mart')?.error).toContain(
      'mart-rows: 3 failing row(s) on',
    );
    expect(result.tasks.find((t) => t.task === 'report-from-mart')?.error).toBe(
      `blocked by quality task "check-mart": 1 quality check(s) in error: mart-rows: 3 failing row(s) on ${placed.mart.schema}.mart (error > 0)`,
    );
    const stored = await readCheckResults(fx.store, result.run.id);
    expect(stored).toMatchObject([
      {
        pipeline: 'p',
        task: 'check-mart',
        attempt: 1,
        check: 'mart-rows',
        severity: 'error',
        status: 'error',
        failing: 3,
      },
    ]);
    expect(stored[0]?.samples).toHaveLength(3);
    expect(await count(placed.rawB)).toBe(0);
    expect(await count(placed.report)).toBe(0);
    expect((await readLineage(fx.store, result.run.id)).map((l) => l.task)).toEqual(['build-mart']);
  });

  it('a warning is recorded and logged, and the tasks after it run', async () => {
    const result = await run('warn');
    expect(result.ok).toBe(true);
    expect(result.tasks.every((t) => t.state === 'succeeded')).toBe(true);
    expect(await readCheckResults(fx.store, result.run.id)).toMatchObject([
      { task: 'check-mart', check: 'mart-rows', severity: 'warn', status: 'warn', failing: 3 },
    ]);
    expect(result.events.some((e) => e.level === 'warn' && e.message.includes('mart-rows: 3 failing'))).toBe(
      true,
    );
    expect(await count(placed.rawB)).toBe(1);
    expect(await count(placed.report)).toBe(3);
  });

  it("records each SQL transform task's column lineage, with the schemas of the run", async () => {
    const result = await run('warn');
    const column = (p: PlacedTable, layer: string, name: string) => ({
      layer,
      schema: p.schema,
      table: p.name,
      column: name,
    });
    expect(await readLineage(fx.store, result.run.id)).toEqual([
      {
        task: 'build-mart',
        target: { layer: 'gold', schema: placed.mart.schema, table: 'mart' },
        columns: [{ column: 'id', sources: [column(placed.rawA, 'bronze', 'id')] }],
        filters: [],
      },
      {
        task: 'report-from-mart',
        target: { layer: 'gold', schema: placed.report.schema, table: 'report' },
        columns: [{ column: 'id', sources: [column(placed.mart, 'gold', 'id')] }],
        filters: [],
      },
    ]);
  });

  const count = async (p: PlacedTable) =>
    (await fx.store.query<{ n: number }>(`select count(*)::int as n from ${q(p)}`)).rows[0]?.n;
}
