import type { Command } from 'commander';
import { formatNumber } from '../../format/format-number.js';
import type { TransfersRun } from '../../orchestration/run-transfers.js';
import { addCommonOptions } from '../add-common-options.js';
import type { CliIO, CommonOptions } from '../cli-context.js';

interface TransferFlags extends CommonOptions {
  resetCursor?: boolean;
}

/**
 * `datakit transfer [names...]`: runs declared transfers as a pipeline run of their own (recorded
 * in the run store, trigger `transfer`), one at a time, each after those it depends on, after a
 * drift check of every table involved. Exit 1 when one fails (breaking drift, too many rejects, a
 * database error); rejected rows within the limit are reported on stderr.
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
      const { runTransfers } = await import('../../orchestration/run-transfers.js');
      const { formatTransferTable } = await import('../../warehouse/transfer-summary.js');
      const { target } = await loadTarget(flags, io);
      const run = await runTransfers({
        target,
        names,
        progress: !flags.json,
        ...(flags.resetCursor ? { resetCursor: true } : {}),
      });
      if (!run.ok) setExitCode(1);
      reportProblems(run, io);
      if (flags.json) {
        io.out(JSON.stringify(jsonOf(run, target.warehouseName, target.envName), null, 2));
        return;
      }
      if (run.summary.transfers.length > 0) io.out(formatTransferTable(run.summary).join('\n'));
    });
}

/** Failures, skips and rejected rows, on stderr: never only in a table a script does not read. */
function reportProblems(run: TransfersRun, io: CliIO): void {
  for (const o of run.outcomes) {
    if (o.status === 'failed') io.err(`error: ${o.error.describe()}`);
    else if (o.status === 'skipped') io.err(`skipped ${o.name}: ${o.reason}`);
    else if (o.result.rows.rejected > 0) {
      const { read, rejected } = o.result.rows;
      io.err(
        `warning: ${o.name}: ${formatNumber(rejected)} of ${formatNumber(read)} rows rejected (within maxRejects); ` +
          `see them with: datakit rejects --load ${o.result.loadId}`,
      );
    }
  }
}

function jsonOf(run: TransfersRun, warehouse: string, env: string) {
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
