import type { Command } from 'commander';
import { DatakitError } from '../../errors/datakit-error.js';
import type { WarehouseCheck } from '../../orchestration/check-warehouse.js';
import type { CheckRow } from '../../orchestration/report/format-checks.js';
import { addCommonOptions } from '../add-common-options.js';
import type { CliIO, CommonOptions } from '../cli-context.js';

interface CheckFlags extends CommonOptions {
  pipeline: string[];
  samples: string;
}

/**
 * `datakit check`: runs the quality checks of the warehouse's pipelines on their own (outside a
 * run) and records them in the run store as a check run; exit 1 when a check is in error.
 *
 * @example
 * ```sh
 * npx datakit check --env prod
 * npx datakit check --pipeline nightly --json
 * ```
 */
export function registerCheckCommand(program: Command, io: CliIO, setExitCode: (code: number) => void): void {
  const command = program
    .command('check')
    .description(
      "Run the quality checks of the warehouse's pipelines on their own; exit 1 when a check of severity error fails.",
    )
    .option(
      '-p, --pipeline <name>',
      'only the checks of this pipeline (repeat for several)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--samples <n>', 'sample rows kept per failing check', '5');
  addCommonOptions(command, 'print the results as JSON')
    .addHelpText(
      'after',
      `
Every quality task of the pipelines (checks: [...]) runs against the live warehouse, at the
current time, with the schemas a run uses. The results are recorded in the run store
(datakit.check_runs, datakit.quality_results) with no pipeline run.

Examples:
  $ npx datakit check --env dev
  $ npx datakit check --env prod --pipeline nightly
  $ npx datakit check --env prod --json --samples 20

Exit codes: 0 no check in error (warnings allowed), 1 a check in error, 2 usage or config error.`,
    )
    .action(async (flags: CheckFlags) => {
      const samples = Number(flags.samples);
      if (!Number.isInteger(samples) || samples < 0)
        throw new DatakitError('USAGE', `--samples ${flags.samples} is not a whole number >= 0`, {
          hint: 'Pass e.g. --samples 5.',
        });
      const { loadTarget } = await import('../cli-context.js');
      const { target } = await loadTarget(flags, io);
      const { openRunStore } = await import('../../orchestration/environment/open-run-store.js');
      const { checkWarehouse } = await import('../../orchestration/check-warehouse.js');
      const store = await openRunStore(target.warehouseUrl());
      try {
        const outcome = await checkWarehouse({
          warehouse: target.warehouse,
          warehouseName: target.warehouseName,
          environment: target.envName,
          connection: store,
          samples,
          ...(flags.pipeline.length > 0 ? { pipelines: flags.pipeline } : {}),
        });
        if (outcome.verdict === 'error') setExitCode(1);
        const checks = outcome.results.map(checkRow);
        if (flags.json) {
          io.out(
            JSON.stringify(
              {
                ok: outcome.verdict !== 'error',
                warehouse: target.warehouseName,
                env: target.envName,
                checkRun: outcome.checkRunId,
                verdict: outcome.verdict,
                counts: outcome.counts,
                checks,
              },
              null,
              2,
            ),
          );
          return;
        }
        const { formatCheckFailures, formatCheckTable } = await import(
          '../../orchestration/report/format-checks.js'
        );
        const failures = formatCheckFailures(checks);
        const { pass, warn, error } = outcome.counts;
        io.out(
          [
            formatCheckTable(checks),
            ...(failures ? ['', failures] : []),
            '',
            `${checks.length} checks: ${pass} pass, ${warn} warn, ${error} error (check run ${outcome.checkRunId} in datakit.quality_results)`,
          ].join('\n'),
        );
      } finally {
        await store.close();
      }
    });
}

function checkRow(r: WarehouseCheck): CheckRow & Record<string, unknown> {
  return {
    pipeline: r.pipeline,
    task: r.task,
    check: r.name,
    kind: r.kind,
    table: r.table,
    column: r.column ?? null,
    severity: r.severity,
    status: r.status,
    failing: r.failing,
    errorIf: r.errorIf,
    warnIf: r.warnIf,
    samples: r.samples,
    error: r.error?.message ?? null,
    sql: r.sql,
    ms: r.ms,
  };
}
