import type { Table } from 'drizzle-orm';
import type { WarehouseLayer } from '../config/define-config.js';
import type { Datakit } from '../contract/define-datakit.js';
import type { TableSchema } from '../schema/table-schema.js';

interface Placed {
  /**
   * The table's identity in the warehouse, in pipeline edges, loads and rejects: `schema.name`
   * for a layer table (`bronze.customer`), `system:schema.name` for a source table
   * (`system-a:customer`).
   */
  id: string;
  name: string;
  datakit: Datakit;
  /** The table's key in its datakit. */
  key: string;
  /** The Drizzle table of the contract. */
  drizzle: Table;
  /** The table as it is in this place: a layer's copy has the layer's schema and constraints. */
  contract: TableSchema;
}

/**
 * A table of a warehouse layer, in the schema its layer gives it.
 *
 * @example
 * ```ts
 * const t: PlacedLayerTable = plan.tables[0]!;
 * t.id; // 'bronze.customer'
 * ```
 */
export interface PlacedLayerTable extends Placed {
  layer: WarehouseLayer;
  schema: string;
}

/**
 * A table of one of the warehouse's source systems, where that system holds it.
 *
 * @example
 * ```ts
 * const t: PlacedSourceTable = plan.sources[0]!;
 * t.id; // 'system-a:customer'
 * ```
 */
export interface PlacedSourceTable extends Placed {
  layer: 'source';
  /** The source system: its key in the warehouse's `sources`. */
  system: string;
  /** The contract's own schema (`pgSchema('crm')`); unset: the connection's search path. */
  schema?: string;
}

/**
 * Where a table lives, as the warehouse plan answers it (`plan.place`): in a layer, or in a
 * source system.
 *
 * @example
 * ```ts
 * const placed: PlacedTable = plan.place(customer, 'silver');
 * placed.layer === 'source' ? placed.system : placed.schema; // 'silver'
 * ```
 */
export type PlacedTable = PlacedLayerTable | PlacedSourceTable;
