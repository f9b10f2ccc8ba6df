import type { Command } from 'commander';
import { DatakitError } from '../../errors/datakit-error.js';
import { formatTable } from '../../format/format-table.js';
import type { BackfillStep, Reprocess } from '../../orchestration/backfill/plan-backfill.js';
import { formatRunLine } from '../../orchestration/report/format-run.js';
import { addCommonOptions } from '../add-common-options.js';
import type { CliIO, CommonOptions } from '../cli-context.js';
import { leaseOption, runReporter } from './run-command.js';

interface BackfillFlags extends CommonOptions {
  from: string;
  to: string;
  reprocess?: string;
  maxActiveRuns?: string;
  dryRun?: boolean;
  lease?: string;
}

/**
 * `datakit backfill <pipeline> --from D --to D`: one run per schedule tick in the range; prints
 * the plan (which logical times, which already succeeded) first, and never asks.
 *
 * @example
 * ```sh
 * npx datakit backfill nightly --from 2024-05-01 --to 2024-05-31 --dry-run
 * npx datakit backfill nightly --from 2024-05-01 --to 2024-05-31 --reprocess failed --max-active-runs 2
 * ```
 */
export function registerBackfillCommand(
  program: Command,
  io: CliIO,
  setExitCode: (code: number) => void,
): void {
  const command = program
    .command('backfill')
    .description(
      'Run a pipeline for every schedule tick in a date range, skipping the ticks that already succeeded.',
    )
    .argument('<pipeline>', 'pipeline name from the config (it needs a schedule)')
    .requiredOption('--from <date>', 'first day (2024-05-01) or instant (2024-05-01T02:00:00Z), inclusive')
    .requiredOption('--to <date>', 'last day or instant, inclusive')
    .option('--reprocess <which>', 'run again existing runs: failed (default), all or none', 'failed')
    .option('--max-active-runs <n>', 'runs of the backfill at once (default: the pipeline maxActiveRuns)')
    .option('--dry-run', 'print the plan and run nothing')
    .option('--lease <seconds>', 'a task held this long without a heartbeat counts as abandoned', '30');
  addCommonOptions(command, 'print the plan and the runs as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit backfill nightly --from 2024-05-01 --to 2024-05-31 --dry-run
  $ npx datakit backfill nightly --from 2024-05-01 --to 2024-05-31 --max-active-runs 2
  $ npx datakit backfill nightly --from 2024-05-01 --to 2024-05-07 --reprocess all`,
    )
    .action(async (name: string, flags: BackfillFlags) => {
      const { loadTarget } = await import('../cli-context.js');
      const { backfillRange } = await import('../../orchestration/backfill/backfill-range.js');
      const { planBackfill } = await import('../../orchestration/backfill/plan-backfill.js');
      const { runBackfill } = await import('../../orchestration/backfill/run-backfill.js');
      const { compilePipeline } = await import('../../orchestration/dag/compile-pipeline.js');
      const { checkPipelineDrift } = await import('../../orchestration/environment/check-pipeline-drift.js');
      const { openRunStore } = await import('../../orchestration/environment/open-run-store.js');
      const { pipelineEndpoints } = await import('../../orchestration/environment/pipeline-endpoints.js');
      const { target } = await loadTarget(flags, io);
      const pipeline = compilePipeline(target.warehouse, target.warehouseName, name);
      const reprocess = reprocessOption(flags.reprocess);
      const maxActiveRuns = flags.maxActiveRuns === undefined ? undefined : countOption(flags.maxActiveRuns);
      const range = backfillRange(flags.from, flags.to, pipeline.config.timezone);
      const store = await openRunStore(target.warehouseUrl());
      try {
        const plan = await planBackfill(store, pipeline, target.envName, range, reprocess);
        if (!flags.json)
          io.err(
            formatPlan(
              plan,
              `${name}/${target.envName}`,
              pipeline.config.schedule ?? '',
              pipeline.config.timezone ?? 'UTC',
            ),
          );
        if (flags.dryRun) {
          if (flags.json) io.out(JSON.stringify({ ok: true, dryRun: true, plan }, null, 2));
          return;
        }
        const endpoints = pipelineEndpoints(target, pipeline);
        const reporter = runReporter(io, Boolean(flags.json));
        const results = await runBackfill(plan, {
          pipeline,
          environment: target.envName,
          store,
          ...(maxActiveRuns ? { maxActiveRuns } : {}),
          runOptions: {
            endpoints,
            leaseMs: leaseOption(flags.lease),
            onEvent: (e) => reporter.event(e),
            preflight: async () => void (await checkPipelineDrift(pipeline, endpoints)),
          },
        }).finally(() => reporter.stop());
        const ok = results.every((r) => r.ok);
        if (!ok) setExitCode(1);
        if (flags.json) {
          io.out(
            JSON.stringify({ ok, plan, runs: results.map((r) => ({ run: r.run, tasks: r.tasks })) }, null, 2),
          );
          return;
        }
        for (const r of results) io.out(formatRunLine(r.run));
        io.out(
          `backfill ${name}/${target.envName}: ${results.length} run(s), ${results.filter((r) => !r.ok).length} did not succeed`,
        );
      } finally {
        await store.close();
      }
    });
}

function formatPlan(plan: readonly BackfillStep[], name: string, schedule: string, timezone: string): string {
  const acting = plan.filter((s) => s.action !== 'skip').length;
  const head = `backfill ${name}: ${plan.length} logical time(s) of "${schedule}" (${timezone}), ${acting} to run, ${plan.length - acting} skipped`;
  const rows = plan.map((s) => [
    s.logicalTime.toISOString(),
    s.run?.id ?? '-',
    s.run?.state ?? '-',
    s.action,
    s.reason,
  ]);
  return `${head}\n${formatTable(['logical time', 'run', 'state', 'action', 'why'], rows)}`;
}

function reprocessOption(value: string | undefined): Reprocess {
  if (value === 'failed' || value === 'all' || value === 'none') return value;
  throw new DatakitError('USAGE', `--reprocess ${value} is not failed, all or none`, {
    hint: 'failed re-runs failed runs; all re-runs every run; none only creates missing runs.',
  });
}

function countOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new DatakitError('USAGE', `--max-active-runs ${value} is not a positive whole number`);
  return n;
}
