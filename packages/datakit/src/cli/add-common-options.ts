import type { Command } from 'commander';

/** The options {@link addCommonOptions} adds, as commander parses them. */
export interface CommonOptions {
  config?: string;
  env?: string;
  warehouse?: string;
  json?: boolean;
}

/**
 * Adds the options every config-reading command takes (`-e/--env`, `-w/--warehouse`,
 * `-c/--config`, `--json`), after the command's own options, so each command's help lists them
 * the same way. `json` is the help text of `--json`, which says what the command prints.
 *
 * @example
 * ```ts
 * const command = program.command('drift').description('Compare the live tables with their contracts.');
 * addCommonOptions(command, 'print the result as JSON').action(async (flags: CommonOptions) => {});
 * ```
 */
export function addCommonOptions(command: Command, json = 'print the result as JSON'): Command {
  return command
    .option('-e, --env <name>', 'environment (default: the config default, else dev)')
    .option('-w, --warehouse <name>', 'warehouse, when the config declares several')
    .option('-c, --config <file>', 'config file (default: ./datakit.config.ts)')
    .option('--json', json);
}
