import type { Table } from 'drizzle-orm';
import type { TableLayer, TaskTableRef } from '../../config/pipeline-config.js';
import type { TablePlacement } from '../warehouse-tables.js';

/**
 * The task table reference of a table placed in a layer by a SQL transform or a check
 * (`inLayer(table, 'silver')`), or of a bare table (resolved when only one layer holds it).
 *
 * @example
 * ```ts
 * layerRef(customer, 'silver'); // { layer: 'silver', table: customer }
 * ```
 */
export function layerRef(table: Table, layer: string | undefined): TaskTableRef {
  return layer === undefined ? table : { layer: layer as TableLayer, table };
}

/**
 * The schema of each layer among resolved placements, as `schemas` for a transform or a check
 * run, so they address the same tables the pipeline's edges were derived from.
 *
 * @example
 * ```ts
 * layerSchemas([bronzeCustomer, silverCustomer]); // { bronze: 'bronze', silver: 'silver' }
 * ```
 */
export function layerSchemas(placements: readonly TablePlacement[]): Record<string, string> {
  const schemas: Record<string, string> = {};
  for (const p of placements) if (p.layer !== 'source') schemas[p.layer] = p.where;
  return schemas;
}
