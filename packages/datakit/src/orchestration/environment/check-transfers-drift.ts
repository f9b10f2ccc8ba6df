import { connect } from '../../dialect/connect.js';
import type { Connection } from '../../dialect/connection.js';
import { assertNoBreakingDrift } from '../../drift/assert-no-breaking-drift.js';
import type { DriftCheckResult } from '../../drift/check-drift.js';
import { transferDriftTables } from '../../transfer/check-transfer-drift.js';
import { resolveTransfer } from '../../transfer/resolve-transfer.js';
import type { PlannedTransfer } from '../../warehouse/plan-transfers.js';
import { sourceConnection, transferOptionsFor } from '../../warehouse/transfer-options-for.js';
import type { ConnectionEndpoints } from '../execute/attempt-connections.js';

/**
 * Checks the drift of every table the transfers move, each transfer's source and target as the
 * transfer itself checks them, and throws the `DRIFT` error naming table, column and fix when a
 * policy says fail — before any of them moves a row. `warehouse` is an open connection to the
 * warehouse (the run store's).
 *
 * @example
 * ```ts
 * await checkTransfersDrift({ warehouse: 'main', environment: 'dev' }, transfers, endpoints, store);
 * ```
 */
export async function checkTransfersDrift(
  scope: { warehouse: string; environment: string },
  transfers: readonly PlannedTransfer[],
  endpoints: ConnectionEndpoints,
  warehouse: Connection,
): Promise<DriftCheckResult> {
  const opened = new Map<string, Connection>();
  const connectionOf = async (endpoint: string | Connection): Promise<Connection> => {
    if (typeof endpoint !== 'string') return endpoint;
    if (endpoint === endpoints.warehouse) return warehouse;
    let conn = opened.get(endpoint);
    if (!conn) {
      conn = await connect(endpoint);
      opened.set(endpoint, conn);
    }
    return conn;
  };
  try {
    const sources: Record<string, Connection> = {};
    for (const t of transfers) {
      if (t.source.layer !== 'source' || t.source.system in sources) continue;
      const endpoint = endpoints.sources[t.source.system];
      if (endpoint === undefined) continue;
      sources[t.source.system] = await connectionOf(endpoint);
    }
    const connections = { warehouse, sources };
    return await assertNoBreakingDrift({
      tables: transfers.flatMap((t) => {
        const options = transferOptionsFor(scope, t, connections);
        const system = t.source.layer === 'source' ? t.source.system : t.source.layer;
        return transferDriftTables(
          resolveTransfer(options, system),
          sourceConnection(t, connections),
          warehouse,
          options.drift || {},
        );
      }),
    });
  } finally {
    await Promise.allSettled([...opened.values()].map((c) => c.close()));
  }
}
