import type { Command } from 'commander';
import type { Connection } from '../../dialect/connection.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { formatRunSummary } from '../../orchestration/report/format-run.js';
import { RunReporter } from '../../orchestration/report/run-reporter.js';
import { addCommonOptions } from '../add-common-options.js';
import type { CliIO, CommonOptions } from '../cli-context.js';
import { processIO } from '../cli-io.js';

interface RunFlags extends CommonOptions {
  resume?: string;
  wait?: boolean;
  logicalTime?: string;
  lease?: string;
}

/**
 * `datakit run <pipeline>`: drift check, then the pipeline's DAG in this process, recorded in the
 * run store; exit 1 when the run did not succeed.
 *
 * @example
 * ```sh
 * npx datakit run nightly --env dev
 * npx datakit run nightly --env prod --resume 42 --json
 * ```
 */
export function registerRunCommand(program: Command, io: CliIO, setExitCode: (code: number) => void): void {
  const command = program
    .command('run')
    .description(
      'Run a pipeline: drift check first, then its tasks in dependency order, in parallel up to its limits.',
    )
    .argument('<pipeline>', 'pipeline name from the config')
    .option('--resume <run-id>', 'run again the failed and not-run tasks of this run, at its logical time')
    .option('--wait', 'when the pipeline is already running in this environment, wait instead of failing')
    .option('--logical-time <iso>', 'the time the run stands for (default: now), e.g. 2024-05-01T02:00:00Z')
    .option('--lease <seconds>', 'a task held this long without a heartbeat counts as abandoned', '30');
  addCommonOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit run nightly --env dev
  $ npx datakit run nightly --env prod --resume 42
  $ npx datakit run nightly --env prod --wait --json`,
    )
    .action(async (name: string, flags: RunFlags) => {
      const { loadTarget } = await import('../cli-context.js');
      const { compilePipeline } = await import('../../orchestration/dag/compile-pipeline.js');
      const { checkPipelineDrift } = await import('../../orchestration/environment/check-pipeline-drift.js');
      const { openRunStore } = await import('../../orchestration/environment/open-run-store.js');
      const { pipelineEndpoints } = await import('../../orchestration/environment/pipeline-endpoints.js');
      const { runPipeline } = await import('../../orchestration/execute/run-pipeline.js');
      const { target } = await loadTarget(flags, io);
      const pipeline = compilePipeline(target.warehouse, target.warehouseName, name);
      const logicalTime = flags.logicalTime === undefined ? undefined : parseTime(flags.logicalTime);
      const leaseMs = Number(flags.lease) * 1000;
      if (!(leaseMs > 0))
        throw new DatakitError('USAGE', `--lease ${flags.lease} is not a positive number of seconds`);
      const endpoints = pipelineEndpoints(target, pipeline);
      const store = await openRunStore(target.warehouseUrl());
      const reporter = runReporter(io, Boolean(flags.json));
      const cancel = new AbortController();
      const onSignal = () => (cancel.signal.aborted ? process.exit(130) : cancel.abort());
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        if (flags.resume !== undefined) await checkResumable(store, flags.resume, name, target.envName);
        const result = await runPipeline({
          pipeline,
          environment: target.envName,
          store,
          endpoints,
          leaseMs,
          signal: cancel.signal,
          wait: Boolean(flags.wait),
          ...(flags.resume !== undefined ? { runId: flags.resume, reset: 'unfinished' as const } : {}),
          ...(logicalTime ? { logicalTime } : {}),
          preflight: async () => void (await checkPipelineDrift(pipeline, endpoints)),
          onEvent: (e) => reporter.event(e),
        });
        reporter.stop();
        if (!result.ok) setExitCode(1);
        if (flags.json)
          io.out(JSON.stringify({ ok: result.ok, run: result.run, tasks: result.tasks }, null, 2));
        else io.out(formatRunSummary(result.run, result.tasks));
      } finally {
        reporter.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await store.close();
      }
    });
}

async function checkResumable(
  store: Connection,
  id: string,
  pipeline: string,
  environment: string,
): Promise<void> {
  const { getRun } = await import('../../store/runs/get-run.js');
  const found = await getRun(store, id);
  if (!found || found.run.pipeline !== pipeline || found.run.environment !== environment) {
    throw new DatakitError(
      'USAGE',
      `No run ${id} of pipeline "${pipeline}" in environment "${environment}"`,
      {
        hint: `List them with: datakit runs --pipeline ${pipeline} --env ${environment}`,
      },
    );
  }
  if (found.run.state === 'succeeded') {
    throw new DatakitError('USAGE', `Run ${id} succeeded: there is nothing to resume`, {
      hint: `To run every task again at its logical time: datakit backfill ${pipeline} --from ${found.run.logicalTime.toISOString()} --to ${found.run.logicalTime.toISOString()} --reprocess all`,
    });
  }
}

function parseTime(text: string): Date {
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) {
    throw new DatakitError('USAGE', `"${text}" is not a date or time`, {
      hint: 'Use ISO 8601, e.g. 2024-05-01 or 2024-05-01T02:00:00Z.',
    });
  }
  return time;
}

/**
 * Parses `--lease <seconds>` into milliseconds.
 *
 * @example
 * ```ts
 * leaseOption('30'); // 30000
 * ```
 */
export function leaseOption(seconds: string | undefined): number {
  const ms = Number(seconds ?? '30') * 1000;
  if (!(ms > 0)) throw new DatakitError('USAGE', `--lease ${seconds} is not a positive number of seconds`);
  return ms;
}

/**
 * The progress display of a command: live on the process's own TTY, a plain line log otherwise,
 * nothing with `--json` (stdout then holds one JSON document).
 *
 * @example
 * ```ts
 * const reporter = runReporter(io, flags.json);
 * ```
 */
export function runReporter(io: CliIO, json: boolean): RunReporter {
  const live = !json && io === processIO && process.stderr.isTTY === true;
  if (live) return new RunReporter({ write: (s) => process.stderr.write(s), live });
  return new RunReporter({ write: (s) => (json ? undefined : io.err(s.replace(/\n$/, ''))), live: false });
}
