import { Command, CommanderError } from 'commander';
import { loadBeforeTypeScript } from '../contract/typescript-loader.js';
import { DatakitError } from '../errors/datakit-error.js';
import { packageInfo } from '../package-info.js';
import { type CliIO, processIO } from './cli-io.js';
import { guardProcess } from './guard-process.js';
import { addLazyCommands, type LazyCommand, type RegisterCommand } from './lazy-command.js';

/** Exit codes: 0 ok, 1 the work failed, 2 the command line or config is wrong. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Every command, in the order of `datakit --help`. A command's module is imported only when that
 * command runs, so start-up does not pay for drivers it does not use.
 */
export const COMMANDS: readonly LazyCommand[] = [
  {
    name: 'init',
    summary:
      'Start a warehouse project: config with dev (PGlite) and prod environments; with --from, source datakits, bronze tables, transfers and a test.',
    load: async () => (await import('./commands/init-command.js')).registerInitCommand,
  },
  {
    name: 'demo',
    summary: 'Run the demo warehouse end to end on embedded PostgreSQL (PGlite): no server needed.',
    load: async () => (await import('./commands/demo-command.js')).registerDemoCommand,
  },
  {
    name: 'config',
    summary:
      'Check datakit.config.ts and show one environment: layers, sources, transfers, pipelines and resolved URLs (no connection).',
    load: async () => (await import('./commands/config-command.js')).registerConfigCommand,
  },
  {
    name: 'deploy',
    summary: 'Create or update the schemas and tables of every layer (bronze, silver, gold), idempotently.',
    load: async () => (await import('./commands/deploy-command.js')).registerDeployCommand,
  },
  {
    name: 'transfer',
    summary:
      'Run declared transfers (all when no name is given): drift check first, then source → validate → transform → validate → target.',
    load: async () => (await import('./commands/transfer-command.js')).registerTransferCommand,
  },
  {
    name: 'run',
    summary:
      'Run a pipeline: drift check first, then its tasks in dependency order, in parallel up to its limits.',
    load: async () => (await import('./commands/run-command.js')).registerRunCommand,
  },
  {
    name: 'runs',
    summary:
      'List pipeline runs from the run store, or show one run with its tasks, errors, checks and lineage.',
    load: async () => (await import('./commands/runs-command.js')).registerRunsCommand as RegisterCommand,
  },
  {
    name: 'rejects',
    summary:
      'Show rejected rows from the run store: reason, column, value and the row, per load (latest of each transfer by default).',
    load: async () =>
      (await import('./commands/rejects-command.js')).registerRejectsCommand as RegisterCommand,
  },
  {
    name: 'check',
    summary:
      "Run the quality checks of the warehouse's pipelines on their own; exit 1 when a check of severity error fails.",
    load: async () => (await import('./commands/check-command.js')).registerCheckCommand,
  },
  {
    name: 'schedule',
    summary:
      'Run the scheduler: each cron tick of a pipeline becomes a run (once, however many schedulers run).',
    load: async () =>
      (await import('./commands/schedule-command.js')).registerScheduleCommand as RegisterCommand,
  },
  {
    name: 'backfill',
    summary:
      'Run a pipeline for every schedule tick in a date range, skipping the ticks that already succeeded.',
    load: async () => (await import('./commands/backfill-command.js')).registerBackfillCommand,
  },
  {
    name: 'drift',
    summary:
      'Check live source and warehouse tables against their contracts; exit 1 when a change would stop a run.',
    load: async () => (await import('./commands/drift-command.js')).registerDriftCommand,
  },
  {
    name: 'introspect',
    summary:
      'Write a datakit from a live database: types, keys, nullability, enums, defaults, indexes, checks.',
    load: async () => (await import('./commands/introspect-command.js')).registerIntrospectCommand,
  },
  {
    name: 'generate',
    summary:
      'Generate warehouse code from a source datakit: `generate bronze` writes bronze tables, transforms and transfers.',
    load: async () => (await import('./commands/generate-command.js')).registerGenerateCommand,
  },
  {
    name: 'breaking',
    summary:
      'List contract changes that break consumers, with the semver bump each needs; exit 1 when the declared bump is too small.',
    load: async () => (await import('./commands/breaking-command.js')).registerBreakingCommand,
  },
];

/**
 * Builds the `datakit` command line program for `argv`: every command is listed, and only the one
 * `argv` runs is imported.
 *
 * @example
 * ```ts
 * const program = await buildProgram(processIO, (code) => {}, ['node', 'datakit', 'deploy', '--plan']);
 * ```
 */
export async function buildProgram(
  io: CliIO,
  setExitCode: (code: number) => void,
  argv: readonly string[] = [],
): Promise<Command> {
  const program = new Command('datakit')
    .description('Typed data contracts, layered warehouse deploys and COPY-speed transfers.')
    .version(packageInfo().version)
    .showHelpAfterError('(run with --help for usage and examples)')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Examples:
  $ npx datakit demo                        run the demo warehouse on embedded PostgreSQL
  $ npx datakit deploy --plan --env dev     show what deploy would change
  $ npx datakit deploy --env dev            create or update the layered tables
  $ npx datakit transfer customer --env dev run one declared transfer
  $ npx datakit run nightly --env dev       run a pipeline (drift check, then its DAG)
  $ npx datakit runs --pipeline nightly     list runs; datakit runs <id> shows one
  $ npx datakit rejects --transfer customer rejected rows of its latest load: reason, value, row
  $ npx datakit check --env prod            run the pipelines' quality checks on their own
  $ npx datakit drift --env prod --json     check live tables against their contracts
  $ npx datakit introspect postgres://… --schema crm --out datakits/crm

Exit codes: 0 ok, 1 failure (or breaking drift / refused deploy), 2 usage or config error.`,
  );
  await addLazyCommands(program, COMMANDS, argv, io, setExitCode);
  return program;
}

/**
 * Runs the CLI and returns the process exit code; errors are printed, never thrown. `library`
 * imports the library (the entry point knows where it is built): it is loaded before tsx is
 * registered, so a TypeScript config's `import 'datakit-warehouse'` finds it already loaded.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv, processIO, () => import('../dist/index.js'));
 * ```
 */
export async function main(
  argv: readonly string[],
  io: CliIO = processIO,
  library?: () => Promise<unknown>,
): Promise<number> {
  if (library) loadBeforeTypeScript(library);
  let exitCode: number = EXIT.ok;
  const json = argv.includes('--json');
  const guard = io === processIO ? guardProcess(io, json) : undefined;
  try {
    const program = await buildProgram(
      io,
      (code) => {
        exitCode = Math.max(exitCode, code);
      },
      argv,
    );
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
        ? EXIT.ok
        : EXIT.usage;
    }
    const code =
      error instanceof DatakitError && (error.code === 'USAGE' || error.code === 'CONFIG')
        ? EXIT.usage
        : EXIT.failure;
    if (json) {
      const body =
        error instanceof DatakitError
          ? error.toJSON()
          : { code: 'INTERNAL', message: String((error as Error).message ?? error) };
      io.out(JSON.stringify({ ok: false, error: body }, null, 2));
    } else if (error instanceof DatakitError) {
      io.err(`error: ${error.describe()}`);
    } else {
      io.err(`error: ${(error as Error).stack ?? String(error)}`);
    }
    return code;
  } finally {
    guard?.settled();
  }
}
