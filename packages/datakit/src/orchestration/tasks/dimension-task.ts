import type { DimensionTaskConfig, TaskConfig } from '../../config/pipeline-config.js';
import type { TaskRows } from '../../config/task-context.js';
import type { DimensionResult } from '../../gold/run-dimension.js';
import { sourceParts } from '../../sql-transform/in-layer.js';
import { recordLineage } from '../../store/runs/record-lineage.js';
import type { TaskKindDefinition, TaskScope } from './task-kind.js';
import { taskPlace } from './task-place.js';

const dimensionOf = (task: TaskConfig) => (task as DimensionTaskConfig).dimension;

function placements(task: TaskConfig, scope: TaskScope, where: string) {
  const dimension = dimensionOf(task);
  const reads = dimension.reads.map((source, i) => {
    const { table, layer } = sourceParts(source);
    return scope.plan.place(table, layer, `${where}.dimension (reads[${i}])`);
  });
  const target = sourceParts(dimension.target);
  const writes = [scope.plan.place(target.table, target.layer, `${where}.dimension (target)`)];
  return { reads, writes };
}

/**
 * The versions a dimension run closed and opened: a change closes one and opens one, a delete
 * closes one (and opens a deleted version when `deletes: 'version'`), a new or re-opened key opens one.
 *
 * @example
 * ```ts
 * dimensionVersions({ staged: 3, new: 1, changed: 1, reopened: 0, inferred: 0, deleted: 1, unchanged: 1 }, 'close');
 * // { opened: 2, closed: 2 }
 * ```
 * @internal
 */
export function dimensionVersions(
  rows: DimensionResult['rows'],
  deletes: 'ignore' | 'close' | 'version',
): { opened: number; closed: number } {
  const deletedVersions = deletes === 'version' ? rows.deleted : 0;
  return {
    opened: rows.new + rows.changed + rows.reopened + deletedVersions,
    closed: rows.changed + rows.deleted,
  };
}

/**
 * Dimension tasks: prepare a `defineDimension(...)` (its one-current-row index and unknown member,
 * idempotent) and run it on the attempt's warehouse connection at the run's logical time. Their
 * reads and writes are the dimension's source tables and its own table, so edges come from the
 * data. Rows: read = source rows, loaded = source rows written (new, changed, re-opened keys and
 * inferred members completed); the versions opened and closed are in the task's event. Its
 * column lineage (from the typed select map) goes to `datakit.column_lineage`.
 *
 * @example
 * ```ts
 * dimensionTask.defaultName({ dimension: customerDimension }); // 'gold.dim_customer'
 * ```
 */
export const dimensionTask: TaskKindDefinition = {
  kind: 'dimension',
  matches: (task) => 'dimension' in task,
  defaultName: (task) => dimensionOf(task).name,
  tables: placements,
  run: async (task, ctx, scope) => {
    const { reads, writes } = placements(task, scope, ctx.task);
    const place = taskPlace(scope.plan, [...reads, ...writes]);
    const dimension = dimensionOf(task);
    const conn = ctx.connections.warehouse;
    ctx.signal.throwIfAborted();
    await dimension.prepare(conn, { place });
    ctx.signal.throwIfAborted();
    const result = await dimension.run(conn, { place, at: ctx.logicalTime });
    ctx.signal.throwIfAborted();
    await recordLineage(
      scope.store,
      { runId: ctx.run.id, task: ctx.task },
      dimension.lineage,
      place,
      scope.storeSchema,
    );
    const r = result.rows;
    const versions = dimensionVersions(r, dimension.plan.deletes);
    ctx.logger.info(
      `${result.target}: ${r.new} new, ${r.changed} changed, ${r.reopened} re-opened, ${r.inferred} inferred completed, ${r.deleted} deleted, ${r.unchanged} unchanged; ${versions.opened} version(s) opened, ${versions.closed} closed`,
      { rows: r, versions },
    );
    const rows: TaskRows = {
      read: r.staged,
      loaded: r.new + r.changed + r.reopened + r.inferred,
      rejected: 0,
      dropped: 0,
    };
    return { rows };
  },
};
