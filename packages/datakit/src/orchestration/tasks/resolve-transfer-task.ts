import type { WarehouseConfig } from '../../config/define-config.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { nearestName } from '../../errors/nearest-name.js';
import { type PlannedTransfer, planTransfers } from '../../warehouse/plan-transfers.js';
import type { TablePlacement, WarehouseTables } from '../warehouse-tables.js';

/** A declared transfer resolved by the warehouse plan, with where it reads and writes. */
export interface ResolvedTransferTask {
  name: string;
  planned: PlannedTransfer;
  source: TablePlacement;
  target: TablePlacement;
}

const planned = new WeakMap<WarehouseConfig, Map<string, PlannedTransfer>>();

function plannedTransfers(warehouse: WarehouseConfig, warehouseName: string): Map<string, PlannedTransfer> {
  let byName = planned.get(warehouse);
  if (!byName) {
    byName = new Map(planTransfers(warehouseName, warehouse).map((t) => [t.name, t]));
    planned.set(warehouse, byName);
  }
  return byName;
}

/**
 * Resolves a transfer task through the warehouse plan (`planTransfers`): its source table (of a
 * system, or of a layer) and its target's placement give the task its edges.
 *
 * @example
 * ```ts
 * const t = resolveTransferTask(warehouse, 'main', 'customer', new WarehouseTables(warehouse), 'pipelines.nightly.tasks[0]');
 * t.target.key; // 'bronze:bronze.customer'
 * ```
 */
export function resolveTransferTask(
  warehouse: WarehouseConfig,
  warehouseName: string,
  name: string,
  tables: WarehouseTables,
  where: string,
): ResolvedTransferTask {
  const byName = plannedTransfers(warehouse, warehouseName);
  const transfer = byName.get(name);
  if (!transfer) {
    const names = [...byName.keys()];
    const near = nearestName(name, names);
    throw new DatakitError(
      'CONFIG',
      `${where} runs transfer "${name}", which the warehouse does not declare`,
      {
        hint: near
          ? `Did you mean "${near}"?`
          : names.length
            ? `Transfers: ${names.join(', ')}.`
            : 'Declare it under transfers.',
        context: { key: where },
      },
    );
  }
  const layerOf = transfer.source.layer;
  const source = tables
    .placementsOf(transfer.source.drizzle)
    .find((p) =>
      layerOf ? p.layer === layerOf : p.layer === 'source' && p.where === transfer.source.system,
    );
  const target = tables.placementsOf(transfer.target.drizzle).find((p) => p.layer === transfer.target.layer);
  if (!source || !target)
    throw new Error(`transfer "${name}" is planned on tables the warehouse does not place`);
  return { name, planned: transfer, source, target };
}
