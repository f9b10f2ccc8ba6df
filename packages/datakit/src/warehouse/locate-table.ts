import type { WarehouseConfig, WarehouseLayer } from '../config/define-config.js';
import type { Datakit } from '../contract/define-datakit.js';
import { DatakitError } from '../errors/datakit-error.js';

/**
 * Where a table lives in the warehouse: its layer, schema and name.
 *
 * @example
 * ```ts
 * const where: TableLocation = { layer: 'bronze', schema: 'bronze', name: 'customer' };
 * ```
 */
export interface TableLocation {
  layer: WarehouseLayer;
  schema: string;
  name: string;
}

/**
 * THE place that decides where a datakit's table lives in a warehouse layer: the layer's `schema`
 * (default `{layer}`, with `{layer}` and `{system}` replaced; a system's dashes become
 * underscores) and the contract's table name. Deploy, drift, transfers and the demo all ask it.
 *
 * @example
 * ```ts
 * locateTable(config.warehouses.main, 'bronze', bronze, 'customer'); // { layer: 'bronze', schema: 'bronze', name: 'customer' }
 * ```
 */
export function locateTable(
  warehouse: WarehouseConfig,
  layer: WarehouseLayer,
  datakit: Datakit,
  key: string,
): TableLocation {
  const config = warehouse.layers[layer];
  if (!config) {
    throw new DatakitError('CONFIG', `The warehouse has no ${layer} layer`, {
      hint: `Declare it: layers: { ${layer}: { datakits: [...] } }.`,
      context: { key: `layers.${layer}` },
    });
  }
  const schema = (config.schema ?? '{layer}')
    .replaceAll('{layer}', layer)
    .replaceAll('{system}', datakit.system.replace(/-/g, '_'));
  return { layer, schema, name: datakit.schemaOf(key).name };
}
