import { getTableColumns, type Table } from 'drizzle-orm';
import { familyOfTable } from '../dialect/families.js';

// Drizzle keys a table's columns and extra-config builder by these registered symbols (not in its types).
const COLUMNS = Symbol.for('drizzle:Columns');
const EXTRA_CONFIG_BUILDER = Symbol.for('drizzle:ExtraConfigBuilder');

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
    // A builder that reads the table's own columns (mysql-core) must still see the full set.
    const full = getTableColumns(table);
    const builder = (table as unknown as Record<symbol, unknown>)[EXTRA_CONFIG_BUILDER];
    const properties: PropertyDescriptorMap = { [COLUMNS]: { value: kept, enumerable: false } };
    if (familyOfTable(table).drizzle.extraConfigReadsColumns && typeof builder === 'function') {
      properties[EXTRA_CONFIG_BUILDER] = {
        value: () => (builder as (columns: unknown) => unknown)(full),
        enumerable: false,
      };
    }
    view = Object.create(table, properties) as Table;
    perTable.set(key, view);
  }
  return view as T;
}
