import type { Command } from 'commander';
import { DatakitError } from '../../errors/datakit-error.js';
import { formatRunLine } from '../../orchestration/report/format-run.js';
import { RunReporter } from '../../orchestration/report/run-reporter.js';
import type { SchedulerEvent } from '../../orchestration/schedule/run-scheduler.js';
import { addCommonOptions } from '../add-common-options.js';
import type { CliIO, CommonOptions } from '../cli-context.js';
import { leaseOption } from './run-command.js';

interface ScheduleFlags extends CommonOptions {
  pipeline?: string[];
  lease?: string;
  poll?: string;
}

/**
 * `datakit schedule`: a long-running scheduler for the pipelines that have a `schedule`. Each
 * tick becomes one run however many schedulers run; SIGTERM (or Ctrl-C) stops it after the tasks
 * in flight.
 *
 * @example
 * ```sh
 * npx datakit schedule --env prod
 * npx datakit schedule --env prod --pipeline nightly --json
 * ```
 */
export function registerScheduleCommand(program: Command, io: CliIO): void {
  const command = program
    .command('schedule')
    .description(
      'Run the scheduler: each cron tick of a pipeline becomes a run (once, however many schedulers run).',
    )
    .option('-p, --pipeline <name...>', 'only these pipelines (default: every pipeline with a schedule)')
    .option('--lease <seconds>', 'a task held this long without a heartbeat counts as abandoned', '30')
    .option('--poll <seconds>', 'how often to look for queued runs left by others', '10');
  addCommonOptions(command, 'print one JSON object per event (JSON lines)')
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit schedule --env prod
  $ npx datakit schedule --env prod --pipeline nightly

Missed ticks are caught up when it starts, as each pipeline's catchup says (all, latest, none).`,
    )
    .action(async (flags: ScheduleFlags) => {
      const { loadTarget } = await import('../cli-context.js');
      const { compilePipeline } = await import('../../orchestration/dag/compile-pipeline.js');
      const { checkPipelineDrift } = await import('../../orchestration/environment/check-pipeline-drift.js');
      const { openRunStore } = await import('../../orchestration/environment/open-run-store.js');
      const { pipelineEndpoints } = await import('../../orchestration/environment/pipeline-endpoints.js');
      const { runScheduler } = await import('../../orchestration/schedule/run-scheduler.js');
      const { target } = await loadTarget(flags, io);
      const names =
        flags.pipeline ??
        Object.entries(target.warehouse.pipelines ?? {})
          .filter(([, p]) => p.schedule)
          .map(([n]) => n);
      const pipelines = names.map((n) => compilePipeline(target.warehouse, target.warehouseName, n));
      const unscheduled = pipelines.find((p) => !p.config.schedule);
      if (unscheduled)
        throw new DatakitError('USAGE', `Pipeline "${unscheduled.name}" has no schedule`, {
          hint: "Give it one: schedule: '0 2 * * *'.",
        });
      if (pipelines.length === 0) {
        throw new DatakitError('USAGE', `No pipeline of warehouse "${target.warehouseName}" has a schedule`, {
          hint: "Add schedule: '0 2 * * *' to a pipeline.",
        });
      }
      const leaseMs = leaseOption(flags.lease);
      const pollMs = Number(flags.poll) * 1000;
      if (!(pollMs > 0))
        throw new DatakitError('USAGE', `--poll ${flags.poll} is not a positive number of seconds`);
      const store = await openRunStore(target.warehouseUrl());
      const stop = new AbortController();
      const onSignal = () => (stop.signal.aborted ? process.exit(130) : stop.abort());
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const print = (e: SchedulerEvent) => (flags.json ? io.out(JSON.stringify(e)) : io.err(describe(e)));
      try {
        await runScheduler({
          pipelines,
          environment: target.envName,
          store,
          signal: stop.signal,
          pollMs,
          onEvent: print,
          runOptions: (pipeline) => {
            const endpoints = pipelineEndpoints(target, pipeline);
            const reporter = new RunReporter({
              write: (s) => (flags.json ? undefined : io.err(`[${pipeline.name}] ${s.replace(/\n$/, '')}`)),
              live: false,
            });
            return {
              endpoints,
              leaseMs,
              onEvent: (e) => reporter.event(e),
              preflight: async () => void (await checkPipelineDrift(pipeline, endpoints)),
            };
          },
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await store.close();
      }
    });
}

function describe(e: SchedulerEvent): string {
  switch (e.type) {
    case 'started':
      return `scheduling ${e.pipeline}: "${e.schedule}" (${e.timezone}), next ${e.next?.toISOString() ?? 'never'}${e.caughtUp.length ? `; caught up ${e.caughtUp.length} missed tick(s)` : ''}`;
    case 'tick':
      return `${e.pipeline}: tick ${e.logicalTime.toISOString()} ${e.created ? 'queued a run' : 'already has a run'}`;
    case 'run_ended':
      return formatRunLine(e.result.run);
    case 'run_error':
      return `${e.pipeline}: run ${e.runId} stopped: ${e.error instanceof DatakitError ? e.error.describe() : String(e.error)}`;
    case 'stopping':
      return `stopping: waiting for ${e.running} run(s) to finish their running tasks`;
  }
}
