import type { Table } from 'drizzle-orm';
import type { TransferConfig, WarehouseConfig } from '../config/define-config.js';
import type { Datakit, WriteDisposition } from '../contract/define-datakit.js';
import { type DesiredTable, desiredTables } from '../deploy/desired-tables.js';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import { transfer } from '../transfer/transfer.js';
import type { TransferCounts, TransferOptions } from '../transfer/transfer-options.js';
import type { Transform, TransformFn } from '../transform/define-transform.js';

/** One transfer of the demo: what moved where, and how fast. */
export interface DemoTransferResult {
  /** The transfer's name in the config, e.g. `customer`. */
  name: string;
  /** `system-a.customer` */
  source: string;
  /** `bronze.customer` */
  target: string;
  disposition: WriteDisposition;
  rows: TransferCounts;
  durationMs: number;
  rowsPerSecond: number;
  loadId: string;
}

/** A declared transfer resolved against the warehouse's layers. @internal */
export interface PlannedTransfer {
  name: string;
  config: TransferConfig;
  sourceDatakit: Datakit;
  sourceKey: string;
  target: DesiredTable;
}

function keyOf(datakit: Datakit, table: Table): string | undefined {
  return datakit.keys.find((key) => datakit.tables[key] === table);
}

/**
 * The warehouse's declared transfers into bronze, resolved (source datakit, bronze placement of
 * the target) and ordered so a table is loaded after the tables its contract references.
 *
 * @example
 * ```ts
 * planDemoTransfers(config.warehouses.demo).map((t) => t.name); // ['customer', 'address', 'category', ...]
 * ```
 * @internal
 */
export function planDemoTransfers(warehouse: WarehouseConfig): PlannedTransfer[] {
  const bronze = desiredTables(warehouse).filter((d) => d.layer === 'bronze');
  const planned = Object.entries(warehouse.transfers ?? {}).map(([name, config]): PlannedTransfer => {
    const sourceDatakit = warehouse.sources?.[config.from];
    const sourceKey = sourceDatakit ? keyOf(sourceDatakit, config.source) : undefined;
    const target = bronze.find((d) => d.datakit.tables[d.key] === config.target);
    if (!sourceDatakit || sourceKey === undefined || !target) {
      throw new DatakitError(
        'CONFIG',
        `Transfer "${name}" does not go from a table of source "${config.from}" to a bronze table`,
        {
          hint: 'The demo runs transfers whose source is a table of warehouses.<name>.sources and whose target is a table of layers.bronze.',
          context: { key: `transfers.${name}` },
        },
      );
    }
    return { name, config, sourceDatakit, sourceKey, target };
  });
  const byTable = new Map(planned.map((p) => [p.target.table.name, p]));
  const ordered: PlannedTransfer[] = [];
  const seen = new Set<PlannedTransfer>();
  const visit = (p: PlannedTransfer) => {
    if (seen.has(p)) return;
    seen.add(p);
    for (const fk of p.target.datakit.schemaOf(p.target.key).foreignKeys) {
      const parent = byTable.get(fk.references.table);
      if (parent && parent !== p) visit(parent);
    }
    ordered.push(p);
  };
  for (const p of planned) visit(p);
  return ordered;
}

/** Connections and progress of {@link runDemoTransfers}. */
export interface DemoTransferOptions {
  /** The warehouse. */
  to: Connection;
  /** Source system → its connection. */
  sources: Readonly<Record<string, Connection>>;
  /** Let the transfer engine draw its progress on stderr. */
  progress?: boolean;
  onStart?: (transfer: PlannedTransfer) => void;
  onDone?: (result: DemoTransferResult) => void;
}

/**
 * Runs the demo's transfers one after the other into the bronze schema, each in its own target
 * transaction, with the disposition the transfer or the target datakit declares.
 *
 * @example
 * ```ts
 * const results = await runDemoTransfers(planDemoTransfers(warehouse), { to, sources, progress: true });
 * ```
 */
export async function runDemoTransfers(
  planned: readonly PlannedTransfer[],
  options: DemoTransferOptions,
): Promise<DemoTransferResult[]> {
  const results: DemoTransferResult[] = [];
  try {
    for (const p of planned) {
      const result = await runOne(p, options);
      results.push(result);
      options.onDone?.(result);
    }
  } finally {
    await options.to.query('RESET search_path');
  }
  return results;
}

async function runOne(p: PlannedTransfer, options: DemoTransferOptions): Promise<DemoTransferResult> {
  const from = options.sources[p.config.from];
  if (!from)
    throw new DatakitError('CONFIG', `No connection for source system "${p.config.from}"`, {
      context: { system: p.config.from },
    });
  const schema = p.target.table.schema ?? 'public';
  options.onStart?.(p);
  // The bronze contracts name no schema; deploy places them in the layer's schema.
  await options.to.query(`SET search_path TO ${options.to.dialect.adapter.quoteIdentifier(schema)}, public`);
  const targetDk = p.target.datakit;
  const disposition = p.config.disposition ?? targetDk.optionsOf(p.target.key).writeDisposition ?? 'append';
  const transferOptions: TransferOptions<Table, Table> = {
    ...(p.config.options ?? {}),
    name: `demo.${p.name}`,
    from,
    to: options.to,
    source: p.config.source,
    target: p.config.target,
    disposition,
    sourceSystem: p.config.from,
    sourceDatakit: {
      name: p.sourceDatakit.name,
      version: p.sourceDatakit.version,
      system: p.sourceDatakit.system,
    },
    targetDatakit: { name: targetDk.name, version: targetDk.version },
    progress: options.progress === true,
    ...transformOf(p),
  };
  const result = await transfer(transferOptions);
  return {
    name: p.name,
    source: `${p.config.from}.${p.sourceDatakit.schemaOf(p.sourceKey).name}`,
    target: `${schema}.${p.target.table.name}`,
    disposition,
    rows: result.rows,
    durationMs: result.durationMs,
    rowsPerSecond: result.rowsPerSecond,
    loadId: result.loadId,
  };
}

function transformOf(p: PlannedTransfer): {
  transform?: Transform<Table, Table> | TransformFn<Table, Table>;
} {
  const t = p.config.transform;
  if (t === undefined) return {};
  if (typeof t === 'function') return { transform: t as TransformFn<Table, Table> };
  if (typeof t === 'object' && t !== null && typeof (t as { fn?: unknown }).fn === 'function')
    return { transform: t as Transform<Table, Table> };
  throw new DatakitError(
    'CONFIG',
    `Transfer "${p.name}" has a transform that is neither a defineTransform result nor a function`,
    {
      hint: 'Use transform: defineTransform(source, target, (row) => ({ ... })).',
      context: { key: `transfers.${p.name}.transform` },
    },
  );
}
