import { getTableColumns, type Table } from 'drizzle-orm';
import type {
  TransferConfig,
  TransferConfigOptions,
  WarehouseConfig,
  WarehouseLayer,
} from '../config/define-config.js';
import type { DriftPolicy, WriteDisposition } from '../contract/define-datakit.js';
import type { Transform, TransformFn } from '../contract/define-transform.js';
import { DatakitError } from '../errors/datakit-error.js';
import { nearestName } from '../errors/nearest-name.js';
import type { PlacedLayerTable, PlacedTable } from './placed-table.js';
import { TablePlacements } from './table-placements.js';
import { warehouseTables } from './warehouse-tables.js';

const LAYERS: readonly WarehouseLayer[] = ['bronze', 'silver', 'gold'];

/**
 * A declared transfer, resolved: its tables placed, its transform, disposition, options (the
 * cursor from the source datakit when the transfer names none) and drift policies.
 *
 * @example
 * ```ts
 * const t: PlannedTransfer = planTransfers('main', warehouse)[0]!;
 * `${t.source.id} → ${t.target.id}`; // 'system-a:customer → bronze.customer'
 * ```
 */
export interface PlannedTransfer {
  name: string;
  /** A source system's table, or (a layer transfer) a layer's table; its connection is the warehouse then. */
  source: PlacedTable;
  target: PlacedLayerTable;
  transform?: Transform<Table, Table> | TransformFn<Table, Table>;
  disposition: WriteDisposition;
  options: TransferConfigOptions;
  drift: { source: DriftPolicy; target: DriftPolicy };
}

function configError(message: string, key: string, hint: string): DatakitError {
  return new DatakitError('CONFIG', message, { hint, context: { key } });
}

/**
 * Resolves a warehouse's declared transfers, checking each against the datakits: the source is a
 * table of its system (or of the layer it names), the target a table of a layer, the cursor and
 * key are columns, the transform is a function. Errors are `CONFIG` errors naming the key.
 *
 * @example
 * ```ts
 * planTransfers('demo', config.warehouses.demo).map((t) => `${t.name}: ${t.disposition}`); // ['customer: merge', ...]
 * ```
 */
export function planTransfers(
  warehouseName: string | undefined,
  warehouse: WarehouseConfig,
  placed: ReturnType<typeof warehouseTables> = warehouseTables(warehouse),
): PlannedTransfer[] {
  const placements = new TablePlacements([...placed.tables, ...placed.sources]);
  const base = warehouseName === undefined ? 'transfers' : `warehouses.${warehouseName}.transfers`;
  return Object.entries(warehouse.transfers ?? {}).map(([name, config]) =>
    planTransfer(`${base}.${name}`, name, config, warehouse, placed.tables, placements),
  );
}

function planTransfer(
  where: string,
  name: string,
  config: TransferConfig,
  warehouse: WarehouseConfig,
  tables: readonly PlacedLayerTable[],
  placements: TablePlacements,
): PlannedTransfer {
  const source = plannedSource(where, config, warehouse, placements);
  const candidates = tables.filter(
    (t) => t.drizzle === config.target && (!config.layer || t.layer === config.layer),
  );
  const target = LAYERS.map((layer) => candidates.find((t) => t.layer === layer)).find(
    (t) => t !== undefined,
  );
  if (!target) {
    throw configError(
      `${where}.target is not a table of ${config.layer ? `the ${config.layer} layer` : 'any layer'} of the warehouse`,
      `${where}.target`,
      `Add its datakit to layers.${config.layer ?? 'bronze'}.datakits, or point the transfer at a table that is.`,
    );
  }
  const sourceOptions = source.datakit.optionsOf(source.key);
  const options: TransferConfigOptions = { ...config.options };
  const cursor = options.cursor ?? sourceOptions.cursor;
  if (cursor !== undefined) {
    checkColumn(cursor, source.drizzle, `${where}.options.cursor`, `source table "${source.name}"`);
    options.cursor = cursor;
  }
  for (const column of options.key ?? [])
    checkColumn(column, target.drizzle, `${where}.options.key`, `target table "${target.id}"`);
  const disposition = config.disposition ?? target.datakit.optionsOf(target.key).writeDisposition ?? 'append';
  if (cursor !== undefined && disposition === 'replace') {
    throw configError(
      `${where} reads incrementally (cursor "${cursor}") but replaces its target: it would delete every row not read this time`,
      `${where}.disposition`,
      'Use append or merge with a cursor, or remove the cursor (also from the source datakit) to replace the table.',
    );
  }
  return {
    name,
    source,
    target,
    ...transformOf(where, config.transform),
    disposition,
    options,
    drift: {
      source: sourceOptions.driftPolicy ?? 'fail',
      target: target.datakit.optionsOf(target.key).driftPolicy ?? 'fail',
    },
  };
}

function plannedSource(
  where: string,
  config: TransferConfig,
  warehouse: WarehouseConfig,
  placements: TablePlacements,
): PlacedTable {
  const system = warehouse.sources?.[config.from];
  if (system) {
    const placed = placements
      .of(config.source)
      .find((p) => p.layer === 'source' && p.system === config.from && p.datakit === system);
    if (!placed) {
      throw configError(
        `${where}.source is not a table of source system "${config.from}" (datakit ${system.name})`,
        `${where}.source`,
        `Use one of ${system.name}'s tables: ${system.keys.join(', ')}; or change "from".`,
      );
    }
    return placed;
  }
  const layer = LAYERS.find((l) => l === config.from);
  const placed = layer && placements.of(config.source).find((p) => p.layer === layer);
  if (!layer || !placed) {
    const known = [...Object.keys(warehouse.sources ?? {}), ...LAYERS.filter((l) => warehouse.layers[l])];
    const near = nearestName(config.from, known);
    throw configError(
      layer
        ? `${where}.source is not a table of the ${layer} layer`
        : `${where}.from names "${config.from}", which is neither a source system nor a layer of the warehouse`,
      `${where}.${layer ? 'source' : 'from'}`,
      near && !layer ? `Did you mean "${near}"?` : `Use one of: ${known.join(', ')}.`,
    );
  }
  return placed;
}

function checkColumn(key: string, table: Table, where: string, what: string): void {
  const keys = Object.keys(getTableColumns(table));
  if (keys.includes(key)) return;
  const near = nearestName(key, keys);
  throw configError(
    `${where} names "${key}", which is not a column of the ${what}${near ? ` — did you mean "${near}"?` : ''}`,
    where,
    near ? `Use "${near}".` : `Columns: ${keys.join(', ')}.`,
  );
}

function transformOf(
  where: string,
  transform: TransferConfig['transform'],
): Pick<PlannedTransfer, 'transform'> {
  if (transform === undefined) return {};
  if (typeof transform === 'function') return { transform: transform as TransformFn<Table, Table> };
  if (typeof transform === 'object' && transform !== null && typeof transform.fn === 'function')
    return { transform: transform as Transform<Table, Table> };
  throw configError(
    `${where}.transform is neither a defineTransform result nor a function`,
    `${where}.transform`,
    'Use transform: defineTransform(source, target, (row) => ({ ... })).',
  );
}
