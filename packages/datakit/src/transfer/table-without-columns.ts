import { getTableColumns, type Table } from 'drizzle-orm';

// Drizzle keys a table's columns by this registered symbol (not exposed in its types).
const COLUMNS = Symbol.for('drizzle:Columns');

const views = new WeakMap<Table, Map<string, Table>>();

/**
 * The same Drizzle table without some columns (by SQL name), for validating rows the engine
 * completes itself (lineage columns, `systime` of history loads). The view inherits everything
 * else from the table; views are cached, so validators compiled for them are too.
 *
 * @example
 * ```ts
 * const validate = compileValidator(tableWithoutColumns(bronzeCustomer, ['_load_id']), { mode: 'insert' });
 * ```
 * @internal
 */
export function tableWithoutColumns<T extends Table>(table: T, names: readonly string[]): T {
  if (names.length === 0) return table;
  const key = [...names].sort().join('\u0000');
  let perTable = views.get(table);
  if (!perTable) {
    perTable = new Map();
    views.set(table, perTable);
  }
  let view = perTable.get(key);
  if (!view) {
    const drop = new Set(names);
    const kept = Object.fromEntries(
      Object.entries(getTableColumns(table)).filter(([, c]) => !drop.has(c.name)),
    );
    view = Object.create(table, { [COLUMNS]: { value: kept, enumerable: false } }) as Table;
    perTable.set(key, view);
  }
  return view as T;
}
