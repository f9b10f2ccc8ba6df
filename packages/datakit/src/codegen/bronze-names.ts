import { LINEAGE_COLUMNS } from '../contract/lineage-columns.js';
import { type BronzeMixin, MIXIN_COLUMNS } from './mixin-columns.js';
import { fitIdentifier, toSnakeCase } from './snake-case.js';

/**
 * A source table's name and column names, and their bronze names.
 *
 * @example
 * ```ts
 * const names: BronzeTableNames = { source: 'OrderLines', bronze: 'order_lines', columns: new Map([['OrderId', 'order_id']]) };
 * ```
 */
export interface BronzeTableNames {
  source: string;
  bronze: string;
  /** Source column name → bronze column name, in column order. */
  columns: Map<string, string>;
}

/**
 * The snake_case bronze name of every table and column. A name the mixin or the lineage columns
 * already use gets `source_` in front (`updated_at` → `source_updated_at`); a name that is still
 * taken gets `_2`, `_3`; a name with no letter or digit becomes `column_<n>` / `table_<n>`.
 * Deterministic in the order given, so regenerating gives the same names.
 *
 * @example
 * ```ts
 * bronzeNames([{ name: 'OrderLines', columns: ['OrderId', 'updated_at'] }], 'transactional')[0];
 * // { source: 'OrderLines', bronze: 'order_lines', columns: Map { 'OrderId' => 'order_id', 'updated_at' => 'source_updated_at' } }
 * ```
 */
export function bronzeNames(
  tables: readonly { name: string; columns: readonly string[] }[],
  mixin: BronzeMixin,
): BronzeTableNames[] {
  const reserved = new Set<string>([...MIXIN_COLUMNS[mixin], ...LINEAGE_COLUMNS]);
  const tableNames = new Set<string>();
  return tables.map((table, t) => {
    const taken = new Set(reserved);
    const columns = new Map<string, string>();
    table.columns.forEach((column, c) => {
      let name = toSnakeCase(column) || `column_${c + 1}`;
      if (reserved.has(name)) name = fitIdentifier(`source_${name}`);
      columns.set(column, unique(name, taken));
    });
    const bronze = unique(toSnakeCase(table.name) || `table_${t + 1}`, tableNames);
    return { source: table.name, bronze, columns };
  });
}

function unique(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = fitIdentifier(`${base}_${i}`);
  taken.add(name);
  return name;
}
