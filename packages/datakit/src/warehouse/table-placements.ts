import { getTableName, is, Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import type { PlacedTable } from './placed-table.js';

/**
 * A table to place: a Drizzle table, or a table in a layer (`inLayer(customer, 'silver')`,
 * `{ layer: 'silver', table: customer }`).
 *
 * @example
 * ```ts
 * const refs: PlanTableRef[] = [customer, inLayer(customer, 'silver'), { layer: 'bronze', table: customer }];
 * ```
 */
export type PlanTableRef = Table | { readonly layer: string; readonly table: Table };

/**
 * The places of a warehouse's tables, by Drizzle table: the lookup behind `plan.place`.
 *
 * @example
 * ```ts
 * const placements = new TablePlacements([...plan.tables, ...plan.sources]);
 * placements.place(inLayer(customer, 'silver')).id; // 'silver.customer'
 * ```
 * @internal
 */
export class TablePlacements {
  readonly #byTable = new Map<Table, PlacedTable[]>();

  constructor(tables: readonly PlacedTable[]) {
    for (const placed of tables) {
      const list = this.#byTable.get(placed.drizzle);
      if (list) list.push(placed);
      else this.#byTable.set(placed.drizzle, [placed]);
    }
  }

  /** Every place of a table (several when two layers hold its datakit). */
  of(table: Table): readonly PlacedTable[] {
    return this.#byTable.get(table) ?? [];
  }

  /**
   * The one place of a table reference: in its layer (or `layer`), or the only place the table
   * has; else a `CONFIG` error naming `where` and the fix.
   */
  place(ref: PlanTableRef, layer?: string, where?: string): PlacedTable {
    const table = is(ref, Table) ? ref : ref.table;
    const wanted = is(ref, Table) ? layer : ref.layer;
    const all = this.of(table);
    const name = getTableName(table);
    const named = where ? `${where} names table "${name}"` : `Table "${name}"`;
    const context = { ...(where ? { key: where } : {}), table: name };
    if (all.length === 0) {
      throw new DatakitError('CONFIG', `${named}, which no layer or source of the warehouse holds`, {
        hint: 'Add its datakit to a layer (layers.bronze.datakits) or to sources, or name a table that is there.',
        context,
      });
    }
    const matching = wanted === undefined ? all : all.filter((p) => p.layer === wanted);
    const [only] = matching;
    if (only && matching.length === 1) return only;
    if (matching.length === 0) {
      throw new DatakitError('CONFIG', `${named} in layer ${wanted}, which does not hold it`, {
        hint: `It is in ${all.map((p) => p.layer).join(', ')}: write { layer: '${all[0]?.layer}', table: … }.`,
        context,
      });
    }
    throw new DatakitError('CONFIG', `${named}, which is in ${matching.map((p) => p.layer).join(' and ')}`, {
      hint: `Say which: { layer: '${matching[0]?.layer}', table: … }.`,
      context,
    });
  }
}
