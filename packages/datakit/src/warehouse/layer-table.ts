import type { WarehouseLayer } from '../config/define-config.js';
import type { TableSchema } from '../schema/table-schema.js';

/** How a contract table is placed into a layer. */
export interface LayerPlacement {
  layer: WarehouseLayer;
  /** The layer's schema for this table. */
  schema: string;
  /** Bronze keeps its primary key unless `false`. */
  keepPrimaryKey?: boolean;
  /** Tables of the same layer by contract name → their layer schema, to point foreign keys at. */
  schemaOfTable?: ReadonlyMap<string, string>;
}

/**
 * The table as it is deployed in a layer: bronze keeps no foreign keys, unique or check
 * constraints and no secondary indexes (loads stay fast and never fail on raw data; the primary
 * key is optional); silver keeps every constraint and index; gold keeps what it declares. Enum
 * types move to the layer schema with the table.
 *
 * @example
 * ```ts
 * layerTable(fromDrizzle(customer), { layer: 'bronze', schema: 'bronze' }).foreignKeys; // []
 * ```
 */
export function layerTable(table: TableSchema, placement: LayerPlacement): TableSchema {
  const columns = table.columns.map((column) => ({ ...column, type: { ...column.type } }));
  const placed: TableSchema = { ...table, schema: placement.schema, columns };
  if (placement.layer === 'bronze') {
    placed.foreignKeys = [];
    placed.uniques = [];
    placed.checks = [];
    placed.indexes = [];
    if (placement.keepPrimaryKey === false) delete placed.primaryKey;
    return placed;
  }
  placed.foreignKeys = table.foreignKeys.map((fk) => {
    const schema =
      placement.schemaOfTable?.get(fk.references.table) ?? fk.references.schema ?? placement.schema;
    return { ...fk, references: { ...fk.references, schema } };
  });
  return placed;
}
