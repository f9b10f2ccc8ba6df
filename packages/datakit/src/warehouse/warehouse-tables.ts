import type { Table } from 'drizzle-orm';
import type { WarehouseConfig, WarehouseLayer } from '../config/define-config.js';
import { layerTable } from './layer-table.js';
import { locateTable } from './locate-table.js';
import type { PlacedLayerTable, PlacedSourceTable } from './placed-table.js';

const LAYERS: readonly WarehouseLayer[] = ['bronze', 'silver', 'gold'];

/**
 * Every table of every layer of a warehouse, placed (bronze, then silver, then gold; a layer's
 * schema may use `{layer}` and `{system}`), as its layer deploys it; and every table of its source
 * systems. The warehouse plan holds these lists; ask it (`planWarehouse(...).tables`).
 *
 * @example
 * ```ts
 * warehouseTables(config.warehouses.main).tables.map((t) => t.id); // ['bronze.customer', ..., 'silver.customer', ...]
 * ```
 * @internal
 */
export function warehouseTables(warehouse: WarehouseConfig): {
  tables: PlacedLayerTable[];
  sources: PlacedSourceTable[];
} {
  const tables: PlacedLayerTable[] = [];
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
        const { schema, name } = locateTable(warehouse, layer, datakit, key);
        const options = datakit.optionsOf(key);
        const contract = layerTable(datakit.schemaOf(key), {
          layer,
          schema,
          schemaOfTable,
          ...(options.bronzePrimaryKey === false ? { keepPrimaryKey: false } : {}),
        });
        const drizzle = datakit.tables[key] as Table;
        tables.push({ id: `${schema}.${name}`, layer, schema, name, datakit, key, drizzle, contract });
      }
    }
  }
  const sources: PlacedSourceTable[] = [];
  for (const [system, datakit] of Object.entries(warehouse.sources ?? {})) {
    for (const key of datakit.keys) {
      const contract = datakit.schemaOf(key);
      const drizzle = datakit.tables[key] as Table;
      const qualified = contract.schema ? `${contract.schema}.${contract.name}` : contract.name;
      sources.push({
        id: `${system}:${qualified}`,
        layer: 'source',
        system,
        ...(contract.schema ? { schema: contract.schema } : {}),
        name: contract.name,
        datakit,
        key,
        drizzle,
        contract,
      });
    }
  }
  return { tables, sources };
}
