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
 * How tables are placed at run time: a function from a table to where it lives. The warehouse
 * plan gives one per run (`datakit run` places every table by it); without one a table in a
 * layer lives in the schema named after the layer, and a table without a layer in its
 * contract's schema.
 *
 * @example
 * ```ts
 * const place: PlaceTable = (ref) => ({ schema: ref.layer === 'silver' ? 'silver_dev' : (ref.layer ?? ref.schema), name: ref.name });
 * await silverCustomer.run(conn, { place });
 * ```
 */
export type PlaceTable = (ref: TableToPlace) => TableAddress;

/**
 * The options of whatever places tables (a dimension's DDL, a date dimension's fill).
 *
 * @example
 * ```ts
 * await dimCustomer.prepare(conn, { place: (t) => ({ schema: `${t.layer}_dev`, name: t.name }) });
 * ```
 */
export interface PlaceOptions {
  place?: PlaceTable;
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
 * Places one table: by `place` when given, else in the schema named after its layer, else in its
 * contract's schema.
 *
 * @example
 * ```ts
 * placeTable({ name: 'customer', layer: 'silver' }); // { schema: 'silver', name: 'customer' }
 * placeTable({ name: 'customer', layer: 'silver' }, () => ({ schema: 'silver_dev', name: 'customer' }));
 * ```
 */
export function placeTable(ref: TableToPlace, place?: PlaceTable): TableAddress {
  if (place) {
    const placed = place(ref);
    if (!placed || typeof placed.name !== 'string') {
      throw new DatakitError('USAGE', `The table placement returned no table for "${ref.name}"`, {
        hint: 'Return { schema, name } from `place` for every table.',
        context: { table: ref.name },
      });
    }
    return placed;
  }
  if (ref.layer !== undefined) return { schema: ref.layer, name: ref.name };
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
