import { sql } from 'drizzle-orm';
import { integer, pgTable } from 'drizzle-orm/pg-core';
import { describe, expect, test } from 'vitest';
import type { TaskConfig } from '../../src/config/pipeline-config.js';
import { compilePipeline } from '../../src/orchestration/dag/compile-pipeline.js';
import { notNullCheck } from '../../src/quality/not-null-check.js';
import { sqlCheck } from '../../src/quality/sql-check.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { customer, mart, rawA, rawB, report, warehouseWith } from './fixtures.js';

const elsewhere = pgTable('elsewhere', { id: integer().primaryKey() });

const noop = async () => {};
const compile = (tasks: readonly TaskConfig[]) => compilePipeline(warehouseWith(tasks), 'main', 'p');
const upstreamOf = (tasks: readonly TaskConfig[]) => {
  const p = compile(tasks);
  return Object.fromEntries(p.tasks.map((t) => [t.name, t.upstream.map((i) => p.tasks[i]?.name)]));
};
const errorOf = (tasks: readonly TaskConfig[]) => {
  try {
    compile(tasks);
  } catch (error) {
    return error as Error & { hint?: string };
  }
  throw new Error('expected compilePipeline to throw');
};

describe('compilePipeline', () => {
  test('a task that reads a table runs after every task that writes it; after adds edges', () => {
    expect(
      upstreamOf([
        { name: 'report', reads: [{ layer: 'gold', table: mart }], writes: [report], run: noop },
        { name: 'load-a', writes: [{ layer: 'bronze', table: rawA }], run: noop },
        { name: 'load-b', writes: [{ layer: 'bronze', table: rawB }], run: noop },
        {
          name: 'mart',
          reads: [
            { layer: 'bronze', table: rawA },
            { layer: 'bronze', table: rawB },
          ],
          writes: [mart],
          run: noop,
        },
        { name: 'notify', after: ['report'], run: noop },
        { name: 'silver-a', reads: [{ layer: 'silver', table: rawA }], run: noop },
      ]),
    ).toEqual({
      report: ['mart'],
      'load-a': [],
      'load-b': [],
      mart: ['load-a', 'load-b'],
      notify: ['report'],
      'silver-a': [],
    });
  });

  test('a transfer task writes its target in bronze and reads its source system', () => {
    const p = compile([
      { transfer: 'customer' },
      { name: 'count', reads: [{ layer: 'bronze', table: customer }], run: noop },
    ]);
    expect(p.tasks[0]).toMatchObject({
      name: 'customer',
      kind: 'transfer',
      reads: ['crm:crm_customer'],
      writes: ['bronze.customer'],
    });
    expect(p.tasks[1]?.upstream).toEqual([0]);
  });

  test('a cycle is reported with its path and the table behind each edge', () => {
    const error = errorOf([
      { name: 'a', reads: [mart], writes: [{ layer: 'bronze', table: rawA }], run: noop },
      { name: 'b', reads: [{ layer: 'bronze', table: rawA }], writes: [report], run: noop },
      { name: 'c', reads: [report], writes: [mart], run: noop },
    ]);
    expect(error.message).toBe(
      'warehouses.main.pipelines.p has a cycle: a → c → b → a ("a" reads gold.mart, written by "c"; "c" reads gold.report, written by "b"; "b" reads bronze.raw_a, written by "a")',
    );
  });

  test('a cycle through after is reported too', () => {
    expect(
      errorOf([
        { name: 'a', after: ['b'], run: noop },
        { name: 'b', after: ['a'], run: noop },
      ]).message,
    ).toContain('has a cycle: a → b → a ("a" is after "b"; "b" is after "a")');
  });

  test('unknown tables, transfers and after names, duplicates and ambiguous tables are rejected with the place', () => {
    const unknownTable = errorOf([{ name: 'a', reads: [elsewhere], run: noop }]);
    expect(unknownTable.message).toBe(
      'warehouses.main.pipelines.p.tasks[0].reads[0] names table "elsewhere", which no layer or source of the warehouse holds',
    );
    const ambiguous = errorOf([{ name: 'a', writes: [rawA], run: noop }]);
    expect(ambiguous.message).toBe(
      'warehouses.main.pipelines.p.tasks[0].writes[0] names table "raw_a", which is in bronze and silver',
    );
    expect(ambiguous.hint).toBe("Say which: { layer: 'bronze', table: … }.");
    const wrongLayer = errorOf([{ name: 'a', writes: [{ layer: 'gold', table: rawA }], run: noop }]);
    expect(wrongLayer.message).toContain('names table "raw_a" in layer gold, which does not hold it');
    const transfer = errorOf([{ transfer: 'custmer' }]);
    expect(transfer.message).toBe(
      'warehouses.main.pipelines.p.tasks[0] runs transfer "custmer", which the warehouse does not declare',
    );
    expect(transfer.hint).toBe('Did you mean "customer"?');
    const after = errorOf([
      { name: 'load', run: noop },
      { name: 'x', after: ['laod'], run: noop },
    ]);
    expect(after.message).toBe(
      'warehouses.main.pipelines.p.tasks[1].after[0] names task "laod", which the pipeline does not have',
    );
    expect(after.hint).toBe('Did you mean "load"?');
    const duplicate = errorOf([{ transfer: 'customer' }, { name: 'customer', run: noop }]);
    expect(duplicate.message).toBe(
      'warehouses.main.pipelines.p.tasks[1] is named "customer", like warehouses.main.pipelines.p.tasks[0]',
    );
    const neither = errorOf([{ name: 'x' } as unknown as TaskConfig]);
    expect(neither.message).toBe('warehouses.main.pipelines.p.tasks[0] is no kind of task');
  });

  test('the definition hash changes with the DAG and with a task body', () => {
    const a = compile([{ name: 'a', run: noop }]).hash;
    expect(compile([{ name: 'a', run: noop }]).hash).toBe(a);
    expect(compile([{ name: 'a', run: async () => void 0 }]).hash).not.toBe(a);
    expect(compile([{ name: 'a', run: noop, retries: 2 }]).hash).not.toBe(a);
  });

  test('a task that reads a table a quality task covers runs after it, unless the checks read its output', () => {
    const martChecks = [
      notNullCheck(inLayer(mart, 'gold'), 'id'),
      // Covers gold.mart, and also reads gold.report: the task writing report must come first.
      sqlCheck(
        'mart-in-report',
        sql`select m.id from ${inLayer(mart, 'gold')} m join ${inLayer(report, 'gold')} r using (id)`,
      ),
    ];
    const p = compile([
      { name: 'build-mart', reads: [{ layer: 'bronze', table: rawA }], writes: [mart], run: noop },
      { name: 'check-mart', checks: martChecks },
      { name: 'fill-report', reads: [mart], writes: [report], run: noop },
      { name: 'use-mart', reads: [mart], run: noop },
      { name: 'rewrite-mart', reads: [mart], writes: [mart], run: noop },
      { name: 'check-mart-again', checks: [notNullCheck(inLayer(mart, 'gold'), 'id', { severity: 'warn' })] },
    ]);
    const upstream = Object.fromEntries(
      p.tasks.map((t) => [t.name, t.upstream.map((i) => p.tasks[i]?.name)]),
    );
    expect(upstream).toEqual({
      'build-mart': [],
      'check-mart': ['build-mart', 'rewrite-mart', 'fill-report'],
      // check-mart reads report, so it cannot gate fill-report; check-mart-again does.
      'fill-report': ['build-mart', 'rewrite-mart', 'check-mart-again'],
      'use-mart': ['build-mart', 'rewrite-mart', 'check-mart', 'check-mart-again'],
      'rewrite-mart': ['build-mart'],
      'check-mart-again': ['build-mart', 'rewrite-mart'],
    });
    expect(p.byName.get('check-mart')?.gates).toEqual(['gold.mart']);
    expect(p.byName.get('use-mart')?.reasons.slice(2)).toEqual([
      { table: 'gold.mart', gate: true },
      { table: 'gold.mart', gate: true },
    ]);
  });
});
