import type { TransferConfig, WarehouseConfig } from '../../config/define-config.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { nearestName } from '../../errors/nearest-name.js';
import type { TablePlacement, WarehouseTables } from '../warehouse-tables.js';

/** A declared transfer resolved for a pipeline: what it reads and where it writes. */
export interface ResolvedTransferTask {
  name: string;
  config: TransferConfig;
  source: TablePlacement;
  target: TablePlacement;
}

/**
 * Resolves a transfer task against the warehouse: the transfer must be declared, its source must
 * be a table of its system and its target a table of a layer (bronze when several layers hold
 * it). The one place the runner asks where a transfer reads and writes; the warehouse plan will
 * answer it.
 *
 * @example
 * ```ts
 * const t = resolveTransferTask(warehouse, 'customer', new WarehouseTables(warehouse), 'pipelines.nightly.tasks[0]');
 * t.target.key; // 'bronze:bronze.customer'
 * ```
 */
export function resolveTransferTask(
  warehouse: WarehouseConfig,
  name: string,
  tables: WarehouseTables,
  where: string,
): ResolvedTransferTask {
  const config = warehouse.transfers?.[name];
  if (!config) {
    const names = Object.keys(warehouse.transfers ?? {});
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
  const source = tables
    .placementsOf(config.source)
    .find((p) => p.layer === 'source' && p.where === config.from);
  if (!source) {
    throw new DatakitError(
      'CONFIG',
      `Transfer "${name}" reads a table that is not in source system "${config.from}"`,
      {
        hint: `Use a table of the datakit declared as sources['${config.from}'].`,
        context: { key: `transfers.${name}.source`, system: config.from },
      },
    );
  }
  const layers = tables.placementsOf(config.target).filter((p) => p.layer !== 'source');
  const target = layers.length === 1 ? layers[0] : layers.find((p) => p.layer === 'bronze');
  if (!target) {
    throw new DatakitError(
      'CONFIG',
      `Transfer "${name}" writes a table that no layer holds${layers.length ? ' unambiguously' : ''}`,
      {
        hint: "Put the target table's datakit in layers.bronze (transfers load bronze).",
        context: { key: `transfers.${name}.target` },
      },
    );
  }
  return { name, config, source, target };
}
