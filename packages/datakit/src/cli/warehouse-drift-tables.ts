import type { SelectedEnvironment } from '../config/select-environment.js';
import type { DriftCheckTable } from '../drift/check-drift.js';
import { planWarehouse } from '../warehouse/plan-warehouse.js';

/** A table to check, and the URL of the database that holds it. */
export interface LocatedDriftTable {
  url: string;
  table: DriftCheckTable;
}

/**
 * Every source table (in its system's database for this environment) and every warehouse table
 * (in its layer schema) of a warehouse, as drift check entries with their policies.
 *
 * @example
 * ```ts
 * const located = warehouseDriftTables(selectEnvironment(loaded, { env: 'prod' }));
 * ```
 */
export function warehouseDriftTables(
  target: SelectedEnvironment,
  only?: { sources?: boolean; targets?: boolean },
): LocatedDriftTable[] {
  const plan = planWarehouse(target);
  const result: LocatedDriftTable[] = [];
  if (only?.sources !== false) {
    for (const placed of plan.sources) {
      const policy = placed.datakit.optionsOf(placed.key).driftPolicy;
      result.push({
        url: target.sourceUrl(placed.system),
        table: {
          system: placed.system,
          role: 'source',
          contract: placed.contract,
          ...(policy ? { policy } : {}),
        },
      });
    }
  }
  if (only?.targets !== false) {
    const url = target.warehouseUrl();
    for (const placed of plan.tables) {
      const policy = placed.datakit.optionsOf(placed.key).driftPolicy;
      result.push({
        url,
        table: {
          system: `${placed.layer}:${placed.datakit.name}`,
          role: 'target',
          contract: placed.contract,
          ...(policy ? { policy } : {}),
        },
      });
    }
  }
  return result;
}
