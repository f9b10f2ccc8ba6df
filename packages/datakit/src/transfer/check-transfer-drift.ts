import { fromDrizzle } from '../contract/from-drizzle.js';
import type { Connection } from '../dialect/connection.js';
import { assertNoBreakingDrift } from '../drift/assert-no-breaking-drift.js';
import { checkDrift, type DriftCheckTable, type TableDriftResult } from '../drift/check-drift.js';
import type { TransferPlan } from './resolve-transfer.js';
import type { TransferDriftOptions } from './transfer-options.js';

/**
 * The drift decisions of one transfer's source and target.
 *
 * @example
 * ```ts
 * const { target } = await checkTransferDrift(plan, { from, to, drift: {}, apply: true });
 * if (target.outcome === 'quarantine') useLiveValidator(target.live);
 * ```
 * @internal
 */
export interface TransferDrift {
  source: TableDriftResult;
  target: TableDriftResult;
}

/**
 * The two drift check entries of a transfer: its source (on the source connection, in its schema)
 * and its target (on the warehouse, in `targetSchema`), with their policies.
 *
 * @example
 * ```ts
 * const [source, target] = transferDriftTables(plan, from, to, { target: 'evolve' });
 * ```
 * @internal
 */
export function transferDriftTables(
  plan: TransferPlan,
  from: Connection,
  to: Connection,
  drift: TransferDriftOptions,
): [DriftCheckTable, DriftCheckTable] {
  const sourceSchema = plan.source.ref.schema;
  const targetSchema = plan.target.ref.schema;
  return [
    {
      system: plan.source.system,
      role: 'source',
      contract: fromDrizzle(plan.source.table),
      ...(sourceSchema ? { schema: sourceSchema } : {}),
      ...(drift.source ? { policy: drift.source } : {}),
      connection: from,
    },
    {
      system: targetSchema ? `warehouse:${targetSchema}` : 'warehouse',
      role: 'target',
      contract: drift.targetContract ?? fromDrizzle(plan.target.table),
      ...(targetSchema ? { schema: targetSchema } : {}),
      ...(drift.target ? { policy: drift.target } : {}),
      connection: to,
    },
  ];
}

/**
 * Checks a transfer's source and target against their contracts, the way `datakit drift` does
 * (the same `checkDrift`), and throws the `DRIFT` error before a row moves when a policy says
 * fail. With `apply`, a target under `evolve` gets its additive DDL first.
 *
 * @example
 * ```ts
 * const drift = await checkTransferDrift(plan, { from, to, drift: { target: 'evolve' }, apply: true });
 * ```
 * @internal
 */
export async function checkTransferDrift(
  plan: TransferPlan,
  options: { from: Connection; to: Connection; drift: TransferDriftOptions; apply: boolean },
): Promise<TransferDrift> {
  const result = await checkDrift({
    tables: transferDriftTables(plan, options.from, options.to, options.drift),
    applyEvolution: options.apply,
  });
  await assertNoBreakingDrift(result);
  const [source, target] = result.tables as [TableDriftResult, TableDriftResult];
  return { source, target };
}
