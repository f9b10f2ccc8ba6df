import type { Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import { drizzleTableNames } from './drizzle-table-names.js';
import { InLayer } from './in-layer.js';

/**
 * A table to place, by name: its Drizzle table when known, the layer it was placed in, and the
 * schema its contract names (`pgSchema('crm')`).
 *
 * @example
 * ```ts
 * const ref: TableToPlace = { name: 'customer', layer: 'silver' };
 * ```
 */
export interface TableToPlace {
  table?: Table;
  name: string;
  layer?: string;
  schema?: string;
}

/**
 * Where a table lives in the warehouse: its schema (absent for the search path) and name.
 *
 * @example
 * ```ts
 * const placed: TableAddress = { schema: 'silver', name: 'customer' };
 * ```
 */
export interface TableAddress {
  schema?: string;
  name: string;
}

/**
 * How tables are placed at run time: `schemas` maps a layer to its schema (`{ silver: 'silver_dev' }`;
 * a layer without an entry is its own schema name), or `resolve` places every table itself (the
 * warehouse plan). A table without a layer keeps its contract's schema.
 *
 * @example
 * ```ts
 * const placement: TablePlacement = { schemas: { bronze: 'bronze', silver: 'silver' } };
 * const byPlan: TablePlacement = { resolve: (ref) => plan.place(ref.name, ref.layer) };
 * ```
 */
export interface TablePlacement {
  schemas?: Readonly<Record<string, string>>;
  resolve?: (ref: TableToPlace) => TableAddress;
}

/**
 * The {@link TableToPlace} of a Drizzle table or `inLayer(...)`.
 *
 * @example
 * ```ts
 * toPlace(inLayer(customer, 'silver')); // { table: customer, name: 'customer', layer: 'silver' }
 * ```
 * @internal
 */
export function toPlace(source: Table | InLayer, layer?: string): TableToPlace {
  const table = source instanceof InLayer ? source.table : source;
  const placedLayer = source instanceof InLayer ? source.layer : layer;
  const { name, schema } = drizzleTableNames(table);
  return {
    table,
    name,
    ...(placedLayer === undefined ? {} : { layer: placedLayer }),
    ...(schema === undefined ? {} : { schema }),
  };
}

/**
 * Places one table: the resolver when given, else the layer's schema, else the contract's schema.
 *
 * @example
 * ```ts
 * placeTable({ name: 'customer', layer: 'silver' }, { schemas: { silver: 'silver_dev' } }); // { schema: 'silver_dev', name: 'customer' }
 * ```
 */
export function placeTable(ref: TableToPlace, placement: TablePlacement = {}): TableAddress {
  if (placement.resolve) {
    const placed = placement.resolve(ref);
    if (!placed || typeof placed.name !== 'string') {
      throw new DatakitError('USAGE', `The table resolver returned no table for "${ref.name}"`, {
        hint: 'Return { schema, name } from TablePlacement.resolve for every table.',
        context: { table: ref.name },
      });
    }
    return placed;
  }
  if (ref.layer !== undefined) return { schema: placement.schemas?.[ref.layer] ?? ref.layer, name: ref.name };
  return ref.schema === undefined ? { name: ref.name } : { schema: ref.schema, name: ref.name };
}

/**
 * `schema.name` of a placed table, for messages and lineage.
 *
 * @example
 * ```ts
 * placedName({ schema: 'silver', name: 'customer' }); // 'silver.customer'
 * ```
 */
export function placedName(table: TableAddress): string {
  return table.schema === undefined ? table.name : `${table.schema}.${table.name}`;
}
