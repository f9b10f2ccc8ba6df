import type { SqlTaskConfig, TaskConfig } from '../../config/pipeline-config.js';
import { sourceParts } from '../../sql-transform/in-layer.js';
import { recordLineage } from '../../store/runs/record-lineage.js';
import type { TaskKindDefinition, TaskScope } from './task-kind.js';
import { taskPlace } from './task-place.js';

const sqlOf = (task: TaskConfig) => (task as SqlTaskConfig).sqlTransform;

function placements(task: TaskConfig, scope: TaskScope, where: string) {
  const transform = sqlOf(task);
  const reads = transform.reads.map((source, i) => {
    const { table, layer } = sourceParts(source);
    return scope.plan.place(table, layer, `${where}.sqlTransform (reads[${i}])`);
  });
  const target = sourceParts(transform.target);
  const writes = [scope.plan.place(target.table, target.layer, `${where}.sqlTransform (target)`)];
  return { reads, writes };
}

/**
 * SQL transform tasks: run a `defineSqlTransform(...)` in the warehouse at the run's logical time,
 * every table where the warehouse plan places it. Their reads and writes are the transform's
 * tables, so edges come from the data; the rows are recorded as read = staged (or written +
 * rejected), loaded = written, rejected = rejected by the transform's rules, and its column
 * lineage (from the typed select map) in `datakit.column_lineage`.
 *
 * @example
 * ```ts
 * sqlTransformTask.defaultName({ sqlTransform: silverCustomer }); // 'silver.customer'
 * ```
 */
export const sqlTransformTask: TaskKindDefinition = {
  kind: 'sql',
  matches: (task) => 'sqlTransform' in task,
  defaultName: (task) => sqlOf(task).name,
  tables: placements,
  run: async (task, ctx, scope) => {
    const { reads, writes } = placements(task, scope, ctx.task);
    const place = taskPlace(scope.plan, [...reads, ...writes]);
    const transform = sqlOf(task);
    const { storeSchema } = scope;
    const rejects = { schema: storeSchema.name, name: storeSchema.tableNames.rejects };
    const result = await transform.run(ctx.connections.warehouse, { place, at: ctx.logicalTime, rejects });
    await recordLineage(
      scope.store,
      { runId: ctx.run.id, task: ctx.task },
      transform.lineage,
      place,
      scope.storeSchema,
    );
    ctx.logger.info(`${result.target}: ${result.rows.written} written, ${result.rows.rejected} rejected`, {
      rows: result.rows,
    });
    const { staged, written, rejected } = result.rows;
    // Append and replace write without a stage (staged 0): what they read is what they wrote or rejected.
    const read = Math.max(staged, written + rejected);
    return { rows: { read, loaded: written, rejected, dropped: 0 }, loadId: result.loadId };
  },
};
