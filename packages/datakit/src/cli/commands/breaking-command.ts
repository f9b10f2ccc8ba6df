import type { Command } from 'commander';
import type { CliIO } from '../cli-context.js';

interface BreakingFlags {
  against: string;
  export?: string;
  json?: boolean;
}

/**
 * `datakit breaking`: compares a datakit with an older version; exit 1 when the version bump is too small.
 *
 * @example
 * ```sh
 * npx datakit breaking examples/system-a/src/index.ts --against origin/main
 * npx datakit breaking datakits/crm --against v1.2.0 --json
 * ```
 */
export function registerBreakingCommand(
  program: Command,
  io: CliIO,
  setExitCode: (code: number) => void,
): void {
  program
    .command('breaking')
    .description(
      'List contract changes that break consumers, with the semver bump each needs; exit 1 when the declared bump is too small.',
    )
    .argument('<module>', 'the datakit module (a .ts file, or a folder with index.ts)')
    .requiredOption(
      '--against <ref|path>',
      'a git ref (branch, tag, commit, v<version>) or a path to the older datakit',
    )
    .option('--export <name>', 'the export to compare when the module exports several datakits')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit breaking examples/system-a/src/index.ts --against HEAD~1
  $ npx datakit breaking datakits/crm --against ../released/crm --json`,
    )
    .action(async (module: string, flags: BreakingFlags) => {
      const { checkBreaking } = await import('../../drift/check-breaking.js');
      const { formatContractComparison } = await import('../../drift/format-contract-comparison.js');
      const modulePath = /\.[cm]?[jt]s$/.test(module) ? module : `${module.replace(/\/$/, '')}/index.ts`;
      const result = await checkBreaking({
        modulePath,
        against: flags.against,
        cwd: io.cwd,
        ...(flags.export ? { exportName: flags.export } : {}),
      });
      if (!result.sufficient) setExitCode(1);
      if (flags.json) {
        io.out(JSON.stringify({ ok: result.sufficient, ...result }, null, 2));
        return;
      }
      io.out(formatContractComparison(result).trimEnd());
    });
}
