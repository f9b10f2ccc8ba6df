import type { WarehouseConfig } from '../../config/define-config.js';
import { planWarehouse } from '../../warehouse/plan-warehouse.js';
import { compilePipelineConfig } from './compile-pipeline.js';
import type { CompiledPipeline, CompiledTask } from './compiled-pipeline.js';

/**
 * The pipeline name `datakit transfer` records its runs under (no config pipeline can be named so).
 *
 * @example
 * ```ts
 * await listRuns(store, { pipeline: TRANSFER_PIPELINE }); // the runs of datakit transfer
 * ```
 */
export const TRANSFER_PIPELINE = '(transfer)';

/**
 * The pipeline of a warehouse's declared transfers (all, or the named ones): a transfer task
 * each, with the edges any pipeline would give them (a reader after the writer, a foreign key's
 * child after its parent), ordered to run one at a time (concurrency 1): each after what it
 * depends on, otherwise in declaration order. All transfers are compiled, so a cycle among them
 * is a `CONFIG` error; an unknown name is a `USAGE` error with the nearest one.
 *
 * @example
 * ```ts
 * compileTransfers(config.warehouses.main, 'main', ['silver_orders', 'orders']).tasks.map((t) => t.name); // ['orders', 'silver_orders']
 * ```
 */
export function compileTransfers(
  warehouse: WarehouseConfig,
  warehouseName: string,
  names?: readonly string[],
): CompiledPipeline {
  const plan = planWarehouse({ warehouse, warehouseName });
  const at = `warehouses.${warehouseName}.transfers`;
  const all = compilePipelineConfig(
    warehouse,
    warehouseName,
    TRANSFER_PIPELINE,
    { tasks: plan.transfers.map((t) => ({ transfer: t.name })) },
    at,
  );
  const wanted = new Set(plan.select(names).map((t) => t.name));
  const tasks = runOrder(all.tasks)
    .map((i) => all.tasks[i] as CompiledTask)
    .filter((t) => wanted.has(t.name))
    .map((t) => ({ transfer: t.name }));
  return compilePipelineConfig(
    warehouse,
    warehouseName,
    TRANSFER_PIPELINE,
    { concurrency: 1, maxActiveRuns: Number.POSITIVE_INFINITY, tasks },
    at,
  );
}

/** Tasks in an order that respects every edge: depth first, upstream tasks first, in their order. */
function runOrder(tasks: readonly CompiledTask[]): number[] {
  const order: number[] = [];
  const seen = new Set<number>();
  for (let root = 0; root < tasks.length; root++) {
    if (seen.has(root)) continue;
    seen.add(root);
    const stack: [number, number][] = [[root, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number];
      const upstream = tasks[top[0]]?.upstream ?? [];
      const next = upstream[top[1]];
      if (next === undefined) {
        stack.pop();
        order.push(top[0]);
        continue;
      }
      top[1]++;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    }
  }
  return order;
}
