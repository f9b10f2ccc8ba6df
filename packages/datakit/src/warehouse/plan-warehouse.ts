import type { Table } from 'drizzle-orm';
import type { WarehouseConfig } from '../config/define-config.js';
import { DatakitError } from '../errors/datakit-error.js';
import { nearestName } from '../errors/nearest-name.js';
import type { PlacedLayerTable, PlacedSourceTable, PlacedTable } from './placed-table.js';
import { type PlannedTransfer, planTransfers } from './plan-transfers.js';
import { type PlanTableRef, TablePlacements } from './table-placements.js';
import { warehouseTables } from './warehouse-tables.js';

/**
 * A warehouse resolved: every table placed (its layers' and its source systems'), every transfer
 * resolved. The one answer to "where does this table live" for deploy, drift, transfers, SQL
 * transforms, dimensions and checks.
 *
 * @example
 * ```ts
 * const plan = planWarehouse(selectEnvironment(await loadConfig(), { env: 'dev' }));
 * plan.place(customer, 'silver'); // { id: 'silver.customer', layer: 'silver', schema: 'silver', name: 'customer', ... }
 * ```
 */
export interface WarehousePlan {
  /** The warehouse's name in the config, when given. */
  warehouse?: string;
  config: WarehouseConfig;
  /** Every table of every layer (bronze, silver, gold), as `datakit deploy` creates them. */
  tables: readonly PlacedLayerTable[];
  /** Every table of the warehouse's source systems. */
  sources: readonly PlacedSourceTable[];
  /** The declared transfers, resolved (planned on first use). */
  readonly transfers: readonly PlannedTransfer[];
  /**
   * Where a table lives: in its layer (`inLayer(t, 'silver')`, `{ layer, table }`, or `layer`),
   * or in the only layer or source that holds it; else a `CONFIG` error naming `where`.
   */
  place(table: PlanTableRef, layer?: string, where?: string): PlacedTable;
  /** Every place of a Drizzle table (several when several layers hold its datakit). */
  placements(table: Table): readonly PlacedTable[];
  /** The tables a layer table's foreign keys reference (itself left out), placed in their layer. */
  references(table: PlacedLayerTable): PlacedLayerTable[];
  /** A declared transfer by name, or a `CONFIG` error naming `where` and the nearest name. */
  transfer(name: string, where: string): PlannedTransfer;
  /** The named transfers (all when none are named), in declaration order; an unknown name is a `USAGE` error. */
  select(names?: readonly string[]): PlannedTransfer[];
}

const plans = new WeakMap<WarehouseConfig, Map<string, WarehousePlan>>();

/**
 * Plans a warehouse (the same plan for the same config and name, computed once): places each
 * table and resolves each transfer. A `SelectedEnvironment` is a valid argument.
 *
 * @example
 * ```ts
 * const plan = planWarehouse({ warehouse: config.warehouses.main, warehouseName: 'main' });
 * for (const t of plan.select(['customer'])) console.log(t.source.id, '→', t.target.id);
 * ```
 */
export function planWarehouse(target: { warehouse: WarehouseConfig; warehouseName?: string }): WarehousePlan {
  let byName = plans.get(target.warehouse);
  if (!byName) {
    byName = new Map();
    plans.set(target.warehouse, byName);
  }
  const key = target.warehouseName ?? '';
  let plan = byName.get(key);
  if (!plan) {
    plan = newPlan(target.warehouse, target.warehouseName);
    byName.set(key, plan);
  }
  return plan;
}

function newPlan(config: WarehouseConfig, name: string | undefined): WarehousePlan {
  const placed = warehouseTables(config);
  const placements = new TablePlacements([...placed.tables, ...placed.sources]);
  const byId = new Map(placed.tables.map((t) => [t.id, t]));
  let transfers: { list: PlannedTransfer[]; byName: Map<string, PlannedTransfer> } | undefined;
  const planned = () => {
    if (!transfers) {
      const list = planTransfers(name, config, placed);
      transfers = { list, byName: new Map(list.map((t) => [t.name, t])) };
    }
    return transfers;
  };
  const named = (transfer: string) => planned().byName.get(transfer);
  const known = () => [...planned().byName.keys()];
  return {
    ...(name === undefined ? {} : { warehouse: name }),
    config,
    tables: placed.tables,
    sources: placed.sources,
    get transfers() {
      return planned().list;
    },
    place: (table, layer, where) => placements.place(table, layer, where),
    placements: (table) => placements.of(table),
    references: (table) => {
      const ids = table.contract.foreignKeys.map(
        (fk) => `${fk.references.schema ?? table.schema}.${fk.references.table}`,
      );
      return [...new Set(ids)].filter((id) => id !== table.id).flatMap((id) => byId.get(id) ?? []);
    },
    transfer: (transfer, where) => {
      const found = named(transfer);
      if (found) return found;
      const near = nearestName(transfer, known());
      throw new DatakitError(
        'CONFIG',
        `${where} runs transfer "${transfer}", which the warehouse does not declare`,
        {
          hint: near
            ? `Did you mean "${near}"?`
            : known().length
              ? `Transfers: ${known().join(', ')}.`
              : 'Declare it under transfers.',
          context: { key: where },
        },
      );
    },
    select: (names) => {
      for (const transfer of names ?? []) {
        if (named(transfer)) continue;
        const near = nearestName(transfer, known());
        throw new DatakitError(
          'USAGE',
          `No transfer "${transfer}" in ${name === undefined ? 'the warehouse' : `warehouse "${name}"`}`,
          {
            hint: near ? `Did you mean "${near}"?` : `Transfers: ${known().join(', ') || '(none declared)'}.`,
          },
        );
      }
      const wanted = names && names.length > 0 ? new Set(names) : undefined;
      return planned().list.filter((t) => !wanted || wanted.has(t.name));
    },
  };
}
