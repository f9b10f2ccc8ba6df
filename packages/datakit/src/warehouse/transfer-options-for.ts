import type { Table } from 'drizzle-orm';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { TransferOptions } from '../transfer/transfer-options.js';
import type { PlannedTransfer } from './plan-transfers.js';

/**
 * The open connections a warehouse's transfers use: the warehouse (a pool is fine: transfers name
 * their schemas and share nothing per session) and one per source system.
 *
 * @example
 * ```ts
 * const connections: WarehouseConnections = { warehouse: await connect(plan.warehouseUrl()), sources: { 'system-a': crm } };
 * ```
 */
export interface WarehouseConnections {
  warehouse: Connection;
  /** Source system → its connection. */
  sources: Readonly<Record<string, Connection>>;
}

/**
 * The `transfer()` options of a planned transfer: its tables in their schemas, transform,
 * disposition, options, drift policies (with the target as its layer deploys it) and the
 * warehouse/environment/name its loads and cursor are keyed by. `extra` overrides any of them.
 *
 * @example
 * ```ts
 * const result = await transfer(transferOptionsFor({ warehouse: 'main', environment: 'dev' }, plan.select(['customer'])[0]!, connections));
 * ```
 */
export function transferOptionsFor(
  scope: { warehouse: string; environment: string },
  planned: PlannedTransfer,
  connections: WarehouseConnections,
  extra: Partial<TransferOptions<Table, Table>> = {},
): TransferOptions<Table, Table> {
  const { source, target, options } = planned;
  const from = sourceConnection(planned, connections);
  return {
    name: planned.name,
    warehouse: scope.warehouse,
    environment: scope.environment,
    from,
    to: connections.warehouse,
    source: source.drizzle,
    target: target.drizzle,
    ...(source.schema ? { sourceSchema: source.schema } : {}),
    targetSchema: target.schema,
    ...(planned.transform ? { transform: planned.transform } : {}),
    disposition: planned.disposition,
    ...(options.cursor !== undefined ? { cursor: options.cursor } : {}),
    ...(options.key !== undefined ? { key: options.key } : {}),
    ...(options.partitions !== undefined ? { partitions: options.partitions } : {}),
    ...(options.maxRejects !== undefined ? { maxRejects: options.maxRejects } : {}),
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    ...(options.detectDeletes !== undefined ? { detectDeletes: options.detectDeletes } : {}),
    ...(options.lockTimeout !== undefined ? { lockTimeout: options.lockTimeout } : {}),
    sourceSystem: source.layer === 'source' ? source.system : source.layer,
    sourceDatakit: {
      name: source.datakit.name,
      version: source.datakit.version,
      system: source.datakit.system,
    },
    targetDatakit: { name: target.datakit.name, version: target.datakit.version },
    drift: { source: planned.drift.source, target: planned.drift.target, targetContract: target.contract },
    ...extra,
  };
}

/**
 * The connection a planned transfer reads from: its source system's, or the warehouse for a
 * transfer that reads a layer.
 *
 * @example
 * ```ts
 * const from = sourceConnection(planned, connections);
 * ```
 */
export function sourceConnection(planned: PlannedTransfer, connections: WarehouseConnections): Connection {
  const { source } = planned;
  if (source.layer !== 'source') return connections.warehouse;
  const from = connections.sources[source.system];
  if (!from) {
    throw new DatakitError(
      'CONFIG',
      `No connection for source system "${source.system}" (transfer "${planned.name}")`,
      {
        hint: `Give the environment a URL for it: sources: { '${source.system}': '...' }.`,
        context: { system: source.system },
      },
    );
  }
  return from;
}
