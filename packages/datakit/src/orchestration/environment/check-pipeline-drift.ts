import { connect } from '../../dialect/connect.js';
import type { Connection } from '../../dialect/connection.js';
import { assertNoBreakingDrift } from '../../drift/assert-no-breaking-drift.js';
import type { DriftCheckResult, DriftCheckTable } from '../../drift/check-drift.js';
import type { CompiledPipeline } from '../dag/compiled-pipeline.js';
import type { ConnectionEndpoints } from '../execute/attempt-connections.js';

/**
 * Checks drift of every table the pipeline reads or writes (sources in their systems, layer
 * tables in the warehouse), as `datakit drift` does, and throws the `DRIFT` error naming table,
 * column and fix when a table's policy says fail — before any task moves a row.
 *
 * @example
 * ```ts
 * await checkPipelineDrift(pipeline, endpoints);
 * ```
 */
export async function checkPipelineDrift(
  pipeline: CompiledPipeline,
  endpoints: ConnectionEndpoints,
): Promise<DriftCheckResult> {
  const opened = new Map<string, Promise<Connection>>();
  const connectionFor = (source: string | Connection): Promise<Connection> => {
    if (typeof source !== 'string') return Promise.resolve(source);
    let conn = opened.get(source);
    if (!conn) {
      conn = connect(source);
      opened.set(source, conn);
    }
    return conn;
  };
  try {
    const tables: DriftCheckTable[] = [];
    for (const placed of pipeline.tables.values()) {
      const source = placed.layer === 'source' ? endpoints.sources[placed.system] : endpoints.warehouse;
      if (source === undefined) continue;
      const policy = placed.datakit.optionsOf(placed.key).driftPolicy;
      tables.push({
        system: placed.layer === 'source' ? placed.system : `${placed.layer}:${placed.datakit.name}`,
        role: placed.layer === 'source' ? 'source' : 'target',
        contract: placed.contract,
        connection: await connectionFor(source),
        ...(policy ? { policy } : {}),
      });
    }
    return await assertNoBreakingDrift({ tables });
  } finally {
    await Promise.allSettled([...opened.values()].map(async (c) => (await c).close()));
  }
}
