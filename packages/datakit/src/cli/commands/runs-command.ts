import type { Command } from 'commander';
import { DatakitError } from '../../errors/datakit-error.js';
import { addCommonOptions } from '../add-common-options.js';
import type { CliIO, CommonOptions } from '../cli-context.js';

interface RunsFlags extends CommonOptions {
  pipeline?: string;
  limit?: string;
}

/**
 * `datakit runs [id]`: the runs of the warehouse in this environment, newest first, or one run
 * with its tasks, attempts, errors and counts, its quality check results and the column lineage
 * of its SQL transforms. Runs whose process died show `abandoned`.
 *
 * @example
 * ```sh
 * npx datakit runs --pipeline nightly --env prod
 * npx datakit runs 42 --json
 * ```
 */
export function registerRunsCommand(program: Command, io: CliIO): void {
  const command = program
    .command('runs')
    .description(
      'List pipeline runs from the run store, or show one run with its tasks, errors, checks and lineage.',
    )
    .argument('[id]', 'a run id: show that run')
    .option('-p, --pipeline <name>', 'only runs of this pipeline')
    .option('--limit <n>', 'at most this many runs', '50');
  addCommonOptions(command, 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit runs --env prod
  $ npx datakit runs --pipeline nightly --json
  $ npx datakit runs 42                 tasks, attempts, errors, check results, column lineage
  $ npx datakit runs 42 --json          the same as JSON: { run, tasks, events, checks, lineage }`,
    )
    .action(async (id: string | undefined, flags: RunsFlags) => {
      const { loadTarget } = await import('../cli-context.js');
      const { openRunStore } = await import('../../orchestration/environment/open-run-store.js');
      const { getRun } = await import('../../store/runs/get-run.js');
      const { listRuns } = await import('../../store/runs/list-runs.js');
      const { reapExpired } = await import('../../store/runs/reap-expired.js');
      const { formatRunDetail, formatRunList } = await import('../../orchestration/report/format-run.js');
      const { formatCheckFailures, formatCheckTable, formatLineage } = await import(
        '../../orchestration/report/format-checks.js'
      );
      const { readCheckResults } = await import('../../store/runs/read-check-results.js');
      const { readLineage } = await import('../../store/runs/read-lineage.js');
      const { target } = await loadTarget(flags, io);
      const store = await openRunStore(target.warehouseUrl());
      try {
        await reapExpired(store);
        if (id !== undefined) {
          const detail = await getRun(store, id);
          if (!detail || detail.run.warehouse !== target.warehouseName) {
            throw new DatakitError(
              'USAGE',
              `No run ${id} in warehouse "${target.warehouseName}" (${target.envName})`,
              {
                hint: 'List the runs with: datakit runs',
              },
            );
          }
          const checks = await readCheckResults(store, id);
          const lineage = await readLineage(store, id);
          if (flags.json) {
            io.out(JSON.stringify({ ok: true, ...detail, checks, lineage }, null, 2));
            return;
          }
          const lines = [formatRunDetail(detail.run, detail.tasks, detail.events)];
          if (checks.length > 0) {
            const failures = formatCheckFailures(checks);
            lines.push(
              '',
              'quality checks:',
              formatCheckTable(checks, true),
              ...(failures ? ['', failures] : []),
            );
          }
          if (lineage.length > 0) lines.push('', 'column lineage:', formatLineage(lineage));
          io.out(lines.join('\n'));
          return;
        }
        const limit = Number(flags.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new DatakitError('USAGE', `--limit ${flags.limit} is not a positive whole number`);
        const runs = await listRuns(store, {
          warehouse: target.warehouseName,
          environment: target.envName,
          ...(flags.pipeline ? { pipeline: flags.pipeline } : {}),
          limit,
        });
        io.out(flags.json ? JSON.stringify({ ok: true, runs }, null, 2) : formatRunList(runs));
      } finally {
        await store.close();
      }
    });
}
