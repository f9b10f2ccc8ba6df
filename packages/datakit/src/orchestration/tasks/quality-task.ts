import { is, Table } from 'drizzle-orm';
import type { QualityTaskConfig, TaskConfig } from '../../config/pipeline-config.js';
import { DatakitError } from '../../errors/datakit-error.js';
import type { QualityCheck } from '../../quality/quality-check.js';
import { runChecks } from '../../quality/run-checks.js';
import { InLayer, sourceParts } from '../../sql-transform/in-layer.js';
import { recordCheckResults } from '../../store/runs/record-check-results.js';
import type { PlacedTable } from '../../warehouse/placed-table.js';
import type { TaskKindDefinition, TaskScope } from './task-kind.js';
import { taskPlace } from './task-place.js';

const checksOf = (task: TaskConfig) => (task as QualityTaskConfig).checks;

function reads(task: TaskConfig, scope: TaskScope, where: string): PlacedTable[] {
  const seen = new Map<string, PlacedTable>();
  checksOf(task).forEach((check: QualityCheck, i) => {
    for (const source of check.reads) {
      const { table, layer } = source instanceof InLayer || is(source, Table) ? sourceParts(source) : source;
      if (!table) continue;
      const placed = scope.plan.place(table, layer, `${where}.checks[${i}] (${check.name})`);
      seen.set(placed.id, placed);
    }
  });
  return [...seen.values()];
}

function covered(task: TaskConfig, scope: TaskScope, where: string): PlacedTable[] {
  const seen = new Map<string, PlacedTable>();
  checksOf(task).forEach((check: QualityCheck, i) => {
    if (!check.table.table) return;
    const placed = scope.plan.place(
      check.table.table,
      check.table.layer,
      `${where}.checks[${i}] (${check.name})`,
    );
    seen.set(placed.id, placed);
  });
  return [...seen.values()];
}

/**
 * Quality check tasks: run their checks with `runChecks` at the run's logical time, store every
 * result in `datakit.quality_results`, log each warning, and fail when a check is in error, naming
 * the checks, their tables and failing counts. They gate the tables their checks cover: the tasks
 * that read one of them run after the checks, and not at all when one is in error.
 *
 * @example
 * ```ts
 * qualityTask.matches({ name: 'check-silver', checks: [] }); // true
 * ```
 */
export const qualityTask: TaskKindDefinition = {
  kind: 'quality',
  matches: (task) => 'checks' in task,
  defaultName: () => undefined,
  tables: (task, scope, where) => ({ reads: reads(task, scope, where), writes: [] }),
  gates: covered,
  run: async (task, ctx, scope) => {
    const run = await runChecks(ctx.connections.warehouse, checksOf(task), {
      place: taskPlace(scope.plan, reads(task, scope, ctx.task)),
      now: ctx.logicalTime,
    });
    await recordCheckResults(
      scope.store,
      { runId: ctx.run.id, pipeline: ctx.run.pipeline, task: ctx.task, attempt: ctx.run.attempt },
      run.results,
      scope.storeSchema,
    );
    for (const r of run.results.filter((x) => x.status === 'warn'))
      ctx.logger.warn(`${r.name}: ${r.failing} failing row(s) on ${r.table} (warn ${r.warnIf})`);
    const errors = run.results.filter((r) => r.status === 'error');
    if (errors.length > 0) {
      const list = errors.map((r) =>
        r.error
          ? `${r.name} on ${r.table} could not run: ${r.error.message}`
          : `${r.name}: ${r.failing} failing row(s) on ${r.table} (error ${r.errorIf})`,
      );
      throw new DatakitError('VALIDATION', `${errors.length} quality check(s) in error: ${list.join('; ')}`, {
        hint: `Fix the rows (samples in ${scope.storeSchema.name}.quality_results for run ${ctx.run.id}), or relax the check's errorIf; the tasks that read its tables did not run.`,
        context: { table: errors[0]?.table ?? '' },
      });
    }
    return undefined;
  },
};
