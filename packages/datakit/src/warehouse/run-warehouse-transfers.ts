import type { Table } from 'drizzle-orm';
import { assertNoBreakingDrift } from '../drift/assert-no-breaking-drift.js';
import { DatakitError } from '../errors/datakit-error.js';
import { transferDriftTables } from '../transfer/check-transfer-drift.js';
import { resolveTransfer } from '../transfer/resolve-transfer.js';
import { transfer } from '../transfer/transfer.js';
import type { TransferOptions, TransferResult } from '../transfer/transfer-options.js';
import type { PlannedTransfer } from './plan-transfers.js';
import type { WarehousePlan } from './plan-warehouse.js';
import { sourceConnection, transferOptionsFor, type WarehouseConnections } from './transfer-options-for.js';
import {
  summarizeTransfers,
  type TransferLine,
  type TransferSummary,
  transferLine,
} from './transfer-summary.js';

/**
 * How one planned transfer of a run ended.
 *
 * @example
 * ```ts
 * for (const o of run.outcomes) if (o.status === 'failed') console.error(o.name, o.error.message);
 * ```
 */
export type TransferOutcome =
  | { name: string; status: 'succeeded'; result: TransferResult; line: TransferLine }
  | { name: string; status: 'failed'; error: DatakitError }
  | { name: string; status: 'skipped'; reason: string };

/**
 * Options of {@link runWarehouseTransfers}.
 *
 * @example
 * ```ts
 * const options: RunTransfersOptions = { connections, names: ['customer'], progress: true };
 * ```
 */
export interface RunTransfersOptions {
  connections: WarehouseConnections;
  /** The transfers to run (default: all), in graph order. */
  names?: readonly string[];
  progress?: boolean;
  /** Ignore saved cursors once (`--reset-cursor`). */
  resetCursor?: boolean;
  /** Let a transfer migrate a run store that is behind (default false: `datakit deploy` does it). */
  migrateStore?: boolean;
  onStart?: (transfer: PlannedTransfer) => void;
  onDone?: (outcome: TransferOutcome) => void;
}

/**
 * What a run of a warehouse's transfers did: an outcome per transfer and the summary of those
 * that succeeded. `ok` is false when any failed.
 *
 * @example
 * ```ts
 * if (!run.ok) process.exitCode = 1;
 * ```
 */
export interface WarehouseRun {
  ok: boolean;
  outcomes: TransferOutcome[];
  summary: TransferSummary;
}

/**
 * Runs a warehouse's transfers (all, or the named ones) one after the other in task-graph order.
 * First the drift of every involved table is checked, so breaking drift stops the run before a
 * single row moves; then each transfer runs in its own target transaction. A failed transfer
 * does not stop independent ones; those that depend on it are skipped.
 *
 * @example
 * ```ts
 * const run = await runWarehouseTransfers(planWarehouse(target), { connections, progress: true });
 * console.log(formatTransferTable(run.summary).join('\n'));
 * ```
 */
export async function runWarehouseTransfers(
  plan: WarehousePlan,
  options: RunTransfersOptions,
): Promise<WarehouseRun> {
  const selected = plan.select(options.names);
  const extra: Partial<TransferOptions<Table, Table>> = {
    progress: options.progress === true,
    migrateStore: options.migrateStore === true,
    ...(options.resetCursor ? { resetCursor: true } : {}),
  };
  const prepared = selected.map((t) => ({
    t,
    opts: transferOptionsFor(plan, t, options.connections, extra),
  }));
  await assertNoBreakingDrift({
    tables: prepared.flatMap(({ t, opts }) =>
      transferDriftTables(
        resolveTransfer(opts, t.source.system),
        sourceConnection(t, options.connections),
        options.connections.warehouse,
        opts.drift || {},
      ),
    ),
  });
  const outcomes: TransferOutcome[] = [];
  const failed = new Set<string>();
  for (const { t, opts } of prepared) {
    const blocked = plan.graph.tasks.find((task) => task.id === t.name)?.after.find((id) => failed.has(id));
    let outcome: TransferOutcome;
    if (blocked) {
      failed.add(t.name);
      outcome = {
        name: t.name,
        status: 'skipped',
        reason: `transfer "${blocked}", which it runs after, did not succeed`,
      };
    } else {
      options.onStart?.(t);
      try {
        const result = await transfer(opts);
        outcome = { name: t.name, status: 'succeeded', result, line: transferLine(t, result) };
      } catch (err) {
        failed.add(t.name);
        const error =
          err instanceof DatakitError
            ? err
            : new DatakitError(
                'TRANSFER',
                `Transfer "${t.name}" failed: ${(err as Error).message ?? String(err)}`,
                {
                  cause: err,
                },
              );
        outcome = { name: t.name, status: 'failed', error };
      }
    }
    outcomes.push(outcome);
    options.onDone?.(outcome);
  }
  const lines = outcomes.flatMap((o) => (o.status === 'succeeded' ? [o.line] : []));
  return { ok: failed.size === 0, outcomes, summary: summarizeTransfers(lines) };
}
