import type { Table } from 'drizzle-orm';
import type { WarehouseConfig } from '../config/define-config.js';
import type { Datakit } from '../contract/define-datakit.js';
import { desiredTables } from '../deploy/desired-tables.js';
import type { TableSchema } from '../schema/table-schema.js';
import type { TableLocation } from './locate-table.js';

/**
 * A warehouse table: where it lives, the datakit table it comes from, and how its layer deploys it.
 *
 * @example
 * ```ts
 * const t: PlacedTable = warehouseTables(warehouse)[0]!;
 * t.id; // 'bronze.customer'
 * ```
 */
export interface PlacedTable extends TableLocation {
  /** `schema.name`, the table's name in task graphs, loads and rejects. */
  id: string;
  datakit: Datakit;
  /** The table's key in its datakit. */
  key: string;
  /** The Drizzle table of the contract. */
  drizzle: Table;
  /** The table as its layer deploys it (bronze: no foreign keys, uniques, checks or indexes). */
  contract: TableSchema;
}

/**
 * Every table of every layer of a warehouse, placed (bronze, then silver, then gold): the same
 * list `datakit deploy` creates.
 *
 * @example
 * ```ts
 * warehouseTables(config.warehouses.main).map((t) => t.id); // ['bronze.customer', ..., 'silver.customer', ...]
 * ```
 */
export function warehouseTables(warehouse: WarehouseConfig): PlacedTable[] {
  return desiredTables(warehouse).map((d) => {
    const schema = d.table.schema ?? 'public';
    return {
      layer: d.layer,
      schema,
      name: d.table.name,
      id: `${schema}.${d.table.name}`,
      datakit: d.datakit,
      key: d.key,
      drizzle: d.datakit.tables[d.key] as Table,
      contract: d.table,
    };
  });
}
