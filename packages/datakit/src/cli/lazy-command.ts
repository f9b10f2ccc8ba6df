import type { Command } from 'commander';
import type { CliIO } from './cli-io.js';

/**
 * How a command module adds itself to the program (the `registerXCommand` functions).
 *
 * @example
 * ```ts
 * const register: RegisterCommand = registerDeployCommand;
 * ```
 */
export type RegisterCommand = (program: Command, io: CliIO, setExitCode: (code: number) => void) => void;

/**
 * A command whose module is imported only when it runs (or its own `--help` is asked for), so
 * `datakit --help` and every other command start without loading drivers they do not use.
 *
 * @example
 * ```ts
 * const deploy: LazyCommand = {
 *   name: 'deploy',
 *   summary: 'Create or update the schemas and tables of every layer (bronze, silver, gold), idempotently.',
 *   load: async () => (await import('./commands/deploy-command.js')).registerDeployCommand,
 * };
 * ```
 */
export interface LazyCommand {
  name: string;
  /** The command's `description()`, shown in `datakit --help` (a test keeps the two equal). */
  summary: string;
  load: () => Promise<RegisterCommand>;
}

/**
 * The command that `argv` runs (`datakit <name> ...` or `datakit help <name>`), if it is one of
 * `commands`: only that one is imported.
 *
 * @example
 * ```ts
 * commandToLoad(['node', 'datakit', 'deploy', '--plan'], COMMANDS)?.name; // 'deploy'
 * ```
 */
export function commandToLoad(
  argv: readonly string[],
  commands: readonly LazyCommand[],
): LazyCommand | undefined {
  const words = argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return commands.find((command) => command.name === name);
}

/**
 * Adds `commands` to `program` in order: the one `argv` runs in full (its module imported), the
 * others as name and summary only, for the command list, `help` and "Did you mean" suggestions.
 *
 * @example
 * ```ts
 * await addLazyCommands(program, COMMANDS, process.argv, processIO, (code) => {});
 * ```
 */
export async function addLazyCommands(
  program: Command,
  commands: readonly LazyCommand[],
  argv: readonly string[],
  io: CliIO,
  setExitCode: (code: number) => void,
): Promise<void> {
  const wanted = commandToLoad(argv, commands);
  const register = wanted ? await wanted.load() : undefined;
  for (const command of commands) {
    if (command === wanted && register) register(program, io, setExitCode);
    else program.command(command.name).description(command.summary);
  }
}
