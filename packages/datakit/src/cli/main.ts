import { Command, CommanderError } from 'commander';
import { DatakitError } from '../errors/datakit-error.js';
import { type CliIO, processIO } from './cli-context.js';
import { registerBackfillCommand } from './commands/backfill-command.js';
import { registerBreakingCommand } from './commands/breaking-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerDeployCommand } from './commands/deploy-command.js';
import { registerDriftCommand } from './commands/drift-command.js';
import { registerIntrospectCommand } from './commands/introspect-command.js';
import { registerRunCommand } from './commands/run-command.js';
import { registerRunsCommand } from './commands/runs-command.js';
import { registerScheduleCommand } from './commands/schedule-command.js';
import { registerTransferCommand } from './commands/transfer-command.js';

/** Exit codes: 0 ok, 1 the work failed, 2 the command line or config is wrong. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Builds the `datakit` command line program.
 *
 * @example
 * ```ts
 * const code = await main(['node', 'datakit', 'deploy', '--plan', '--env', 'dev']);
 * ```
 */
export function buildProgram(io: CliIO, setExitCode: (code: number) => void): Command {
  const program = new Command('datakit')
    .description('Typed data contracts, layered warehouse deploys and COPY-speed transfers.')
    .version('0.1.0')
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
  $ npx datakit drift --env prod --json     check live tables against their contracts
  $ npx datakit introspect postgres://… --schema crm --out datakits/crm

Exit codes: 0 ok, 1 failure (or breaking drift / refused deploy), 2 usage or config error.`,
  );
  registerDemoCommand(program, io, setExitCode);
  registerDeployCommand(program, io, setExitCode);
  registerTransferCommand(program, io, setExitCode);
  registerDriftCommand(program, io, setExitCode);
  registerIntrospectCommand(program, io);
  registerBreakingCommand(program, io, setExitCode);
  registerRunCommand(program, io, setExitCode);
  registerRunsCommand(program, io);
  registerScheduleCommand(program, io);
  registerBackfillCommand(program, io, setExitCode);
  return program;
}

/**
 * Runs the CLI and returns the process exit code; errors are printed, never thrown.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv);
 * ```
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  const json = argv.includes('--json');
  try {
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
  }
}
