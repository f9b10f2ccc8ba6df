import { getTableName, is, Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';

/**
 * A Drizzle table placed in a warehouse layer. The layer's schema is chosen when the transform or
 * check runs (see {@link PlaceTable}), so one contract serves bronze, silver and gold.
 *
 * @example
 * ```ts
 * const from = inLayer(customer, 'bronze');
 * from.table === customer; // true
 * ```
 */
export class InLayer<T extends Table = Table> {
  readonly table: T;
  readonly layer: string;

  constructor(table: T, layer: string) {
    if (!is(table, Table)) {
      throw new DatakitError('USAGE', `inLayer needs a Drizzle table, got ${typeof table}`, {
        hint: "Pass a table made with pgTable, e.g. inLayer(customer, 'silver').",
      });
    }
    if (typeof layer !== 'string' || layer.trim() === '') {
      throw new DatakitError('USAGE', `inLayer(${getTableName(table)}, ...) needs a layer name`, {
        hint: "Name the layer the table lives in, e.g. inLayer(customer, 'silver').",
        context: { table: getTableName(table) },
      });
    }
    this.table = table;
    this.layer = layer;
  }
}

/**
 * Places a Drizzle table in a layer: `inLayer(customer, 'silver')`.
 *
 * @example
 * ```ts
 * defineSqlTransform(inLayer(customer, 'silver'), { from: inLayer(customer, 'bronze'), select, disposition: 'merge' });
 * ```
 */
export function inLayer<T extends Table>(table: T, layer: string): InLayer<T> {
  return new InLayer(table, layer);
}

/**
 * A table as transforms, checks and dimensions accept it: a Drizzle table (placed by its own
 * `pgSchema`, or unqualified) or a table in a layer.
 *
 * @example
 * ```ts
 * const a: TableSource<typeof customer> = customer;
 * const b: TableSource<typeof customer> = inLayer(customer, 'gold');
 * ```
 */
export type TableSource<T extends Table = Table> = T | InLayer<T>;

/**
 * The Drizzle table of a {@link TableSource}.
 *
 * @example
 * ```ts
 * type T = TableOf<InLayer<typeof customer>>; // typeof customer
 * ```
 */
export type TableOf<S> = S extends InLayer<infer T> ? T : S extends Table ? S : never;

/**
 * Splits a {@link TableSource} into its table and layer.
 *
 * @example
 * ```ts
 * sourceParts(inLayer(customer, 'silver')); // { table: customer, layer: 'silver' }
 * ```
 * @internal
 */
export function sourceParts<T extends Table>(source: TableSource<T>): { table: T; layer?: string } {
  if (source instanceof InLayer) return { table: source.table, layer: source.layer };
  if (is(source, Table)) return { table: source };
  throw new DatakitError('USAGE', 'Expected a Drizzle table or inLayer(table, layer)', {
    hint: "Pass a pgTable, or place it with inLayer(table, 'silver').",
  });
}
