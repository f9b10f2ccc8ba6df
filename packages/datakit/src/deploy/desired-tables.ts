import type { WarehouseConfig, WarehouseLayer } from '../config/define-config.js';
import type { Datakit } from '../contract/define-datakit.js';
import type { TableSchema } from '../schema/table-schema.js';
import { locateTable } from '../warehouse/locate-table.js';
import { layerTable } from './layer-table.js';

/** A table the warehouse should have: where it comes from and how it looks in its layer. */
export interface DesiredTable {
  layer: WarehouseLayer;
  datakit: Datakit;
  key: string;
  table: TableSchema;
}

const LAYERS: readonly WarehouseLayer[] = ['bronze', 'silver', 'gold'];

/**
 * Every table of every layer of a warehouse, placed in its layer schema (`{layer}` by default;
 * the layer's `schema` may use `{layer}` and `{system}`).
 *
 * @example
 * ```ts
 * desiredTables(config.warehouses.main).map((t) => `${t.table.schema}.${t.table.name}`); // ['bronze.customer', ...]
 * ```
 */
export function desiredTables(warehouse: WarehouseConfig): DesiredTable[] {
  const result: DesiredTable[] = [];
  for (const layer of LAYERS) {
    const config = warehouse.layers[layer];
    if (!config) continue;
    const schemaOfTable = new Map<string, string>();
    for (const datakit of config.datakits) {
      for (const key of datakit.keys)
        schemaOfTable.set(datakit.schemaOf(key).name, locateTable(warehouse, layer, datakit, key).schema);
    }
    for (const datakit of config.datakits) {
      for (const key of datakit.keys) {
        const options = datakit.optionsOf(key);
        const table = layerTable(datakit.schemaOf(key), {
          layer,
          schema: locateTable(warehouse, layer, datakit, key).schema,
          schemaOfTable,
          ...(options.bronzePrimaryKey === false ? { keepPrimaryKey: false } : {}),
        });
        result.push({ layer, datakit, key, table });
      }
    }
  }
  return result;
}
