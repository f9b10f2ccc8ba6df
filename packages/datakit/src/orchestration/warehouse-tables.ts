import { getTableName, is, Table } from 'drizzle-orm';
import type { WarehouseConfig } from '../config/define-config.js';
import type { TableLayer, TaskTableRef } from '../config/pipeline-config.js';
import type { Datakit } from '../contract/define-datakit.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { TableSchema } from '../schema/table-schema.js';
import { warehouseTables } from '../warehouse/warehouse-tables.js';

/** Where one table lives: a warehouse layer's schema, or a source system. */
export interface TablePlacement {
  /** `bronze:bronze.customer` or `source:system-a.customer`: the identity edges are derived from. */
  key: string;
  layer: TableLayer | 'source';
  /** The layer's schema, or the source system's name. */
  where: string;
  name: string;
  /** The datakit that defines it, and its key there. */
  datakit: Datakit;
  datakitKey: string;
  /** The table as it is in that place (a layer's copy has the layer's schema and constraints). */
  schema: TableSchema;
}

/**
 * Every Drizzle table of a warehouse (its layers, placed in their schemas, and its sources) by
 * object, so tasks' `reads`/`writes` resolve to placements. Layer tables are placed by the
 * warehouse plan (`warehouseTables`).
 *
 * @example
 * ```ts
 * const tables = new WarehouseTables(config.warehouses.demo);
 * tables.resolve(bronze.tables.customer, 'tasks[0].reads[0]').key; // 'bronze:bronze.customer'
 * ```
 */
export class WarehouseTables {
  readonly #byTable = new Map<Table, TablePlacement[]>();

  constructor(warehouse: WarehouseConfig) {
    for (const placed of warehouseTables(warehouse)) {
      this.#add(placed.drizzle, {
        key: `${placed.layer}:${placed.id}`,
        layer: placed.layer,
        where: placed.schema,
        name: placed.name,
        datakit: placed.datakit,
        datakitKey: placed.key,
        schema: placed.contract,
      });
    }
    for (const [system, datakit] of Object.entries(warehouse.sources ?? {})) {
      for (const key of datakit.keys) {
        const table = datakit.tables[key];
        const schema = datakit.schemaOf(key);
        const placement = {
          key: `source:${system}.${schema.name}`,
          layer: 'source' as const,
          where: system,
          name: schema.name,
          datakit,
          datakitKey: key,
          schema,
        };
        if (table) this.#add(table, placement);
      }
    }
  }

  /** The placements of a table in this warehouse (several when two layers hold its datakit). */
  placementsOf(table: Table): readonly TablePlacement[] {
    return this.#byTable.get(table) ?? [];
  }

  /** Resolves a task's table reference, or throws a `CONFIG` error naming `where` and the fix. */
  resolve(ref: TaskTableRef, where: string): TablePlacement {
    const table = is(ref, Table) ? ref : ref.table;
    const layer = is(ref, Table) ? undefined : ref.layer;
    const all = this.placementsOf(table);
    const name = getTableName(table);
    if (all.length === 0) {
      throw new DatakitError(
        'CONFIG',
        `${where} names table "${name}", which no layer or source of the warehouse holds`,
        {
          hint: `Add its datakit to a layer (layers.bronze.datakits) or to sources, or name a table that is there.`,
          context: { key: where, table: name },
        },
      );
    }
    const matching = layer ? all.filter((p) => p.layer === layer) : all;
    const [only] = matching;
    if (only && matching.length === 1) return only;
    if (matching.length === 0) {
      throw new DatakitError(
        'CONFIG',
        `${where} names table "${name}" in layer ${layer}, which does not hold it`,
        {
          hint: `It is in ${all.map((p) => p.layer).join(', ')}: write { layer: '${all[0]?.layer}', table: … }.`,
          context: { key: where, table: name },
        },
      );
    }
    throw new DatakitError(
      'CONFIG',
      `${where} names table "${name}", which is in ${matching.map((p) => p.layer).join(' and ')}`,
      {
        hint: `Say which: { layer: '${matching[0]?.layer}', table: … }.`,
        context: { key: where, table: name },
      },
    );
  }

  #add(table: Table, placement: TablePlacement): void {
    const list = this.#byTable.get(table);
    if (list) list.push(placement);
    else this.#byTable.set(table, [placement]);
  }
}
