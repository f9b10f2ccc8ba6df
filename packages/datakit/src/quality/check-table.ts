import { type Column, getTableColumns, is, Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import { drizzleTableNames } from '../sql-transform/drizzle-table-names.js';
import { InLayer, sourceParts, type TableOf, type TableSource } from '../sql-transform/in-layer.js';
import { placeTable, type TableToPlace, toPlace } from '../sql-transform/resolve-table.js';
import type { SqlWriter } from '../sql-transform/sql-writer.js';

/**
 * A column of a checked table, by its property key in the Drizzle table.
 *
 * @example
 * ```ts
 * const c: ColumnKey<typeof customer> = 'email';
 * ```
 */
export type ColumnKey<S> = keyof TableOf<S>['_']['columns'] & string;

/**
 * The table a check looks at: where to place it, the alias its columns are qualified with, and
 * its columns by SQL name. @internal
 *
 * @example
 * ```ts
 * const t = checkTable(inLayer(customer, 'silver'));
 * ```
 */
export interface CheckTable {
  ref: TableToPlace;
  alias: string;
  /** Property key or SQL name → SQL name. */
  columns: Map<string, string>;
}

/**
 * Describes a checked table. @internal
 *
 * @example
 * ```ts
 * checkTable(inLayer(customer, 'silver')).alias; // 'customer'
 * ```
 */
export function checkTable(source: TableSource | TableToPlace): CheckTable {
  if (!(source instanceof InLayer) && !is(source, Table)) {
    const ref = source as TableToPlace;
    if (ref.table) return checkTable(ref.layer === undefined ? ref.table : new InLayer(ref.table, ref.layer));
    return { ref, alias: ref.name, columns: new Map() };
  }
  const parts = sourceParts(source);
  const columns = new Map<string, string>();
  for (const [key, column] of Object.entries(getTableColumns(parts.table) as Record<string, Column>)) {
    columns.set(key, column.name);
    columns.set(column.name, column.name);
  }
  return { ref: toPlace(parts.table, parts.layer), alias: drizzleTableNames(parts.table).alias, columns };
}

/**
 * The SQL name of a column of a checked table, or a `USAGE` error naming the check and the columns.
 *
 * @example
 * ```ts
 * columnName(t, 'email', 'not-null(silver.customer.email)'); // 'email'
 * ```
 * @internal
 */
export function columnName(t: CheckTable, key: string, check: string): string {
  if (t.columns.size === 0) return key;
  const name = t.columns.get(key);
  if (name === undefined) {
    throw new DatakitError('USAGE', `Check "${check}": table "${t.ref.name}" has no column "${key}"`, {
      hint: `Use one of: ${[...new Set(t.columns.values())].join(', ')}.`,
      context: { table: t.ref.name, column: key },
    });
  }
  return name;
}

/**
 * `layer.table` (or `schema.table`) for check names and messages.
 *
 * @example
 * ```ts
 * tableLabel({ name: 'customer', layer: 'silver' }); // 'silver.customer'
 * ```
 * @internal
 */
export function tableLabel(ref: TableToPlace): string {
  const prefix = ref.layer ?? ref.schema;
  return prefix === undefined ? ref.name : `${prefix}.${ref.name}`;
}

/**
 * `"schema"."table" as "alias"` of a checked table, placed for this run. @internal
 *
 * @example
 * ```ts
 * fromClause(w, t); // "silver"."customer" as "customer"
 * ```
 */
export function fromClause(w: SqlWriter, t: CheckTable, alias = t.alias): string {
  return `${w.adapter.quoteTable(placeTable(t.ref, w.placement))} as ${w.q(alias)}`;
}

/**
 * ` and (<where>)`, or nothing; columns of the where clause must belong to the checked table.
 *
 * @example
 * ```ts
 * `... where "customer"."email" is null${andWhere(w, t, options.where)}`
 * ```
 * @internal
 */
export function andWhere(w: SqlWriter, t: CheckTable, where: unknown): string {
  if (where === undefined) return '';
  w.scope = new Set([t.alias]);
  const text = w.expr(where);
  w.scope = undefined;
  return ` and (${text})`;
}
