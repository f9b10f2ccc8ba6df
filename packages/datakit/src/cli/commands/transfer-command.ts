import type { Command } from 'commander';
import type { WarehouseRun } from '../../warehouse/run-warehouse-transfers.js';
import { addCommonOptions } from '../add-common-options.js';
import type { CliIO, CommonOptions } from '../cli-context.js';

interface TransferFlags extends CommonOptions {
  resetCursor?: boolean;
}

/**
 * `datakit transfer [names...]`: runs declared transfers of the warehouse plan in task-graph
 * order, after a drift check of every table involved. Exit 1 when one fails (breaking drift, too
 * many rejects, a database error); rejected rows within the limit are reported on stderr.
 *
 * @example
 * ```sh
 * npx datakit transfer customer --env dev
 * npx datakit transfer --env prod --json
 * ```
 */
export function registerTransferCommand(
  program: Command,
  io: CliIO,
  setExitCode: (code: number) => void,
): void {
  const command = program
    .command('transfer')
    .description(
      'Run declared transfers (all when no name is given): drift check first, then source → validate → transform → validate → target.',
    )
    .argument('[names...]', 'transfer names from the config')
    .option('--reset-cursor', 'ignore the saved incremental cursors once: read the whole source again');
  addCommonOptions(command, 'print the results as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit transfer customer --env dev
  $ npx datakit transfer --env prod --json

Rejected rows go to the run store (datakit rejects shows them); more than maxRejects (default 1%
of rows read) fails the transfer and leaves its target unchanged. The run store must be current: run datakit deploy first.
Exit codes: 0 ok, 1 a transfer failed (or breaking drift), 2 usage or config error.`,
    )
    .action(async (names: string[], flags: TransferFlags) => {
      const { loadTarget } = await import('../cli-context.js');
      const { withConnections } = await import('../with-connections.js');
      const { planWarehouse } = await import('../../warehouse/plan-warehouse.js');
      const { runWarehouseTransfers } = await import('../../warehouse/run-warehouse-transfers.js');
      const { formatTransferTable } = await import('../../warehouse/transfer-summary.js');
      const { target } = await loadTarget(flags, io);
      const plan = planWarehouse(target);
      const planned = plan.select(names);
      const warehouseUrl = plan.warehouseUrl();
      const systems = [...new Set(planned.filter((t) => !t.source.layer).map((t) => t.source.system))];
      const sourceUrls = new Map(systems.map((s) => [s, target.sourceUrl(s)]));
      const run = await withConnections([warehouseUrl, ...sourceUrls.values()], (byUrl) =>
        runWarehouseTransfers(plan, {
          names,
          connections: {
            warehouse: byUrl.get(warehouseUrl) as NonNullable<ReturnType<typeof byUrl.get>>,
            sources: Object.fromEntries(
              systems.map((s) => [s, byUrl.get(sourceUrls.get(s) ?? '')]).filter((e) => e[1]),
            ),
          },
          progress: !flags.json,
          ...(flags.resetCursor ? { resetCursor: true } : {}),
        }),
      );
      if (!run.ok) setExitCode(1);
      reportProblems(run, io);
      if (flags.json) {
        io.out(JSON.stringify(jsonOf(run, plan.warehouse, plan.environment), null, 2));
        return;
      }
      if (run.summary.transfers.length > 0) io.out(formatTransferTable(run.summary).join('\n'));
    });
}

/** Failures, skips and rejected rows, on stderr: never only in a table a script does not read. */
function reportProblems(run: WarehouseRun, io: CliIO): void {
  for (const o of run.outcomes) {
    if (o.status === 'failed') io.err(`error: ${o.error.describe()}`);
    else if (o.status === 'skipped') io.err(`skipped ${o.name}: ${o.reason}`);
    else if (o.result.rows.rejected > 0) {
      const { read, rejected } = o.result.rows;
      io.err(
        `warning: ${o.name}: ${rejected.toLocaleString('en-US')} of ${read.toLocaleString('en-US')} rows rejected (within maxRejects); ` +
          `see them with: datakit rejects --load ${o.result.loadId}`,
      );
    }
  }
}

function jsonOf(run: WarehouseRun, warehouse: string, env: string) {
  return {
    ok: run.ok,
    warehouse,
    env,
    transfers: run.outcomes.map((o) => {
      if (o.status === 'succeeded') {
        const r = o.result;
        return {
          name: o.name,
          status: o.status,
          loadId: r.loadId,
          source: o.line.source,
          target: r.target,
          disposition: r.disposition,
          rows: r.rows,
          ...(r.cursor ? { cursor: r.cursor } : {}),
          durationMs: r.durationMs,
          rowsPerSecond: r.rowsPerSecond,
          ...(r.drift ? { drift: r.drift } : {}),
          rejects: r.rejects.map(({ row: _row, ...reject }) => reject),
          warnings: r.warnings,
        };
      }
      if (o.status === 'failed') return { name: o.name, status: o.status, error: o.error.toJSON() };
      return { name: o.name, status: o.status, reason: o.reason };
    }),
    totals: run.summary.totals,
  };
}
