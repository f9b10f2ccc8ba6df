import type { SelectedEnvironment } from '../config/select-environment.js';
import { DatakitError } from '../errors/datakit-error.js';
import { nearestName } from '../errors/nearest-name.js';
import { type PlannedTransfer, planTransfers } from './plan-transfers.js';
import { buildTaskGraph, type TaskGraph } from './task-graph.js';
import { type PlacedTable, warehouseTables } from './warehouse-tables.js';

/**
 * A warehouse in one environment, resolved: every table placed, every transfer resolved, the task
 * graph, and the connection URLs (read only when asked, so `dev` never needs prod's secrets).
 *
 * @example
 * ```ts
 * const plan = planWarehouse(selectEnvironment(await loadConfig(), { env: 'dev' }));
 * plan.graph.order; // ['customer', 'address', ...]
 * ```
 */
export interface WarehousePlan {
  warehouse: string;
  environment: string;
  tables: PlacedTable[];
  transfers: PlannedTransfer[];
  graph: TaskGraph;
  warehouseUrl(): string;
  /** The URL a transfer reads from: its source system's, or the warehouse's for a layer source. */
  sourceUrl(transfer: PlannedTransfer): string;
  /** The named transfers (all when none are named) in graph order; an unknown name is a `USAGE` error. */
  select(names?: readonly string[]): PlannedTransfer[];
}

/**
 * Plans a warehouse for one environment: the one answer to where each table lives, what each
 * transfer reads and writes, and in which order they run. The CLI, the demo and runners use it.
 *
 * @example
 * ```ts
 * const plan = planWarehouse(selectEnvironment(await loadConfig(), { env: 'prod' }));
 * for (const t of plan.select(['customer'])) console.log(t.source.id, '→', t.target.id);
 * ```
 */
export function planWarehouse(target: SelectedEnvironment): WarehousePlan {
  const tables = warehouseTables(target.warehouse);
  const transfers = planTransfers(target.warehouseName, target.warehouse, tables);
  const graph = buildTaskGraph(transfers);
  const byName = new Map(transfers.map((t) => [t.name, t]));
  return {
    warehouse: target.warehouseName,
    environment: target.envName,
    tables,
    transfers,
    graph,
    warehouseUrl: () => target.warehouseUrl(),
    sourceUrl: (t) => (t.source.layer ? target.warehouseUrl() : target.sourceUrl(t.source.system)),
    select: (names) => {
      for (const name of names ?? []) {
        if (byName.has(name)) continue;
        const near = nearestName(name, byName.keys());
        throw new DatakitError('USAGE', `No transfer "${name}" in warehouse "${target.warehouseName}"`, {
          hint: near
            ? `Did you mean "${near}"?`
            : `Transfers: ${[...byName.keys()].join(', ') || '(none declared)'}.`,
        });
      }
      const wanted = names && names.length > 0 ? new Set(names) : undefined;
      return graph.order.filter((n) => !wanted || wanted.has(n)).map((n) => byName.get(n) as PlannedTransfer);
    },
  };
}
