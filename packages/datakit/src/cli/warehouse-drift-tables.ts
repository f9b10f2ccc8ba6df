import type { SelectedEnvironment } from '../config/select-environment.js';
import { desiredTables } from '../deploy/desired-tables.js';
import type { DriftCheckTable } from '../drift/check-drift.js';

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
  const result: LocatedDriftTable[] = [];
  if (only?.sources !== false) {
    for (const [system, datakit] of Object.entries(target.warehouse.sources ?? {})) {
      const url = target.sourceUrl(system);
      for (const key of datakit.keys) {
        const policy = datakit.optionsOf(key).driftPolicy;
        result.push({
          url,
          table: { system, role: 'source', contract: datakit.schemaOf(key), ...(policy ? { policy } : {}) },
        });
      }
    }
  }
  if (only?.targets !== false) {
    const url = target.warehouseUrl();
    for (const desired of desiredTables(target.warehouse)) {
      const policy = desired.datakit.optionsOf(desired.key).driftPolicy;
      result.push({
        url,
        table: {
          system: `${desired.layer}:${desired.datakit.name}`,
          role: 'target',
          contract: desired.table,
          ...(policy ? { policy } : {}),
        },
      });
    }
  }
  return result;
}
