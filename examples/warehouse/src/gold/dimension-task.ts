import {
  type CustomTaskConfig,
  InLayer,
  type Scd2Dimension,
  type TableLayer,
  type TableSource,
  type TaskTableRef,
} from 'datakit';

const ref = (source: TableSource): TaskTableRef =>
  source instanceof InLayer ? { layer: source.layer as TableLayer, table: source.table } : source;

/**
 * A pipeline task that runs an SCD2 dimension at the run's logical time: it reads the dimension's
 * source tables and writes the dimension (the pipeline's edges come from them), prepares it (its
 * one-current-row index and unknown member; idempotent), then applies the source in one transaction.
 * Rows: read = source rows, loaded = versions opened (new, changed and re-opened keys).
 *
 * @example
 * ```ts
 * tasks: [{ sqlTransform: silverCustomer }, dimensionTask(customerDimension)]
 * ```
 */
export function dimensionTask(dimension: Scd2Dimension): CustomTaskConfig<never> {
  const task: CustomTaskConfig = {
    name: dimension.name,
    reads: dimension.reads.map(ref),
    writes: [ref(dimension.target)],
    run: async (ctx) => {
      const conn = ctx.connections.warehouse;
      await dimension.prepare(conn);
      const { target, rows } = await dimension.run(conn, { at: ctx.logicalTime });
      ctx.logger.info(
        `${target}: ${rows.new} new, ${rows.changed} changed, ${rows.reopened} re-opened, ${rows.deleted} deleted, ${rows.unchanged} unchanged`,
        { rows },
      );
      return {
        rows: { read: rows.staged, loaded: rows.new + rows.changed + rows.reopened, rejected: 0, dropped: 0 },
      };
    },
  };
  // The tables come from the dimension's own (type-checked) definition, not from the config's
  // table union; the runner resolves them against the warehouse and names this task if one is not there.
  return task as CustomTaskConfig<never>;
}
