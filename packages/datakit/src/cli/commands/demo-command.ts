import path from 'node:path';
import type { Command } from 'commander';
import { DatakitError } from '../../errors/datakit-error.js';
import { formatNumber } from '../../format/format-number.js';
import type { CliIO } from '../cli-context.js';

/** Source rows of `datakit demo` without `--rows`: the demo's own default (a test holds them equal). */
export const DEFAULT_DEMO_ROWS = 26_200;

interface DemoFlags {
  rows?: string;
  seed?: string;
  keep?: boolean;
  dataDir?: string;
  systemDUrl?: string;
  json?: boolean;
  /** `--no-changes` sets it to false. */
  changes?: boolean;
}

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(parsed)) {
    throw new DatakitError('USAGE', `${flag} must be a whole number, got "${value}"`, {
      hint: `E.g. ${flag} 2600.`,
    });
  }
  return parsed;
}

/** What to try after the demo: only commands this program has, and only for the `dev` data. */
function nextCommands(program: Command, flags: DemoFlags, checkout: boolean): string[] {
  const has = (name: string) => program.commands.some((c) => c.name() === name);
  // Outside a checkout the current folder has no demo config: point at a project of one's own instead.
  const dev = checkout && flags.dataDir === undefined && flags.systemDUrl === undefined;
  const next: [string, string][] = [];
  if (!checkout && has('init'))
    next.push(['npx datakit init --from <source url>', 'start a warehouse project of your own']);
  if (dev && has('runs'))
    next.push(['npx datakit runs --env dev', "the demo pipeline's run, as the run store holds it"]);
  if (dev && has('rejects'))
    next.push(['npx datakit rejects --env dev', 'the rejected rows of the latest loads, row by row']);
  if (dev && has('ui')) next.push(['npx datakit ui', 'browse the runs, row counts and rejects']);
  if (dev && has('deploy'))
    next.push(['npx datakit deploy --plan --env dev', 'the warehouse matches its contracts: no changes']);
  if (dev && has('drift'))
    next.push(['npx datakit drift --env dev', 'check the live tables against their contracts']);
  const again = `npx datakit demo --keep${flags.dataDir === undefined ? '' : ` --data-dir ${flags.dataDir}`}`;
  next.push([
    again,
    'run again on the same data: nothing new, every merged row and dimension version unchanged',
  ]);
  const width = Math.max(...next.map(([command]) => command.length)) + 3;
  return next.map(([command, what]) => `${command.padEnd(width)}${what}`);
}

/**
 * `datakit demo`: seeds Systems A, D and E on embedded PostgreSQL (PGlite), deploys the example
 * warehouse, runs its pipeline through bronze, silver and gold (with quality checks), then applies
 * a day of changes to the sources and runs it again (`--no-changes` stops after the first run),
 * and prints a summary. Progress goes to stderr, so `--json` leaves one JSON document on stdout.
 * Rejected rows and a warning check are expected: the exit code is 0.
 *
 * @example
 * ```sh
 * npx datakit demo
 * npx datakit demo --rows 2600 --json
 * npx datakit demo --system-d-url mysql://root@127.0.0.1:3306/demo
 * ```
 */
export function registerDemoCommand(program: Command, io: CliIO, setExitCode: (code: number) => void): void {
  program
    .command('demo')
    .description('Run the demo warehouse end to end on embedded PostgreSQL (PGlite): no server needed.')
    .option('--rows <n>', `source rows over the six tables (default ${formatNumber(DEFAULT_DEMO_ROWS)})`)
    .option('--seed <n>', 'factory seed: the same seed gives the same rows (default 1)')
    .option('--keep', "reuse the previous run's databases instead of resetting them (bronze is merged again)")
    .option('--data-dir <dir>', 'keep the databases here instead of .datakit/dev at the repository root')
    .option(
      '--system-d-url <url>',
      'put System D (orders) on MySQL/MariaDB, e.g. mysql://root@127.0.0.1:3306/demo',
    )
    .option('--no-changes', 'stop after the first run (no second day of changes, no SCD2 history)')
    .option('--json', 'print the summary as JSON on stdout (progress stays on stderr)')
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit demo                          about 26,000 rows to gold, then a day of changes
  $ npx datakit demo --rows 2600 --json       a quick run, summary as JSON
  $ npx datakit demo --no-changes             the first load only
  $ npx datakit demo --keep                   run again on the same data: nothing new, every row unchanged
  $ npx datakit demo --system-d-url mysql://root@127.0.0.1:3306/demo

A second run resets the demo databases (it says so on its first line) unless --keep is given.
Exit codes: 0 ok (rejected rows are part of the demo), 1 failure, 2 usage error.`,
    )
    .action(async (flags: DemoFlags) => {
      const { loadDemo } = await import('../load-demo.js');
      const rows = wholeNumber(flags.rows, '--rows');
      const seed = wholeNumber(flags.seed, '--seed');
      const { demo, fromCheckout, root } = await loadDemo(io.cwd);
      const summary = await demo.runDemo({
        root,
        ...(rows !== undefined ? { rows } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(flags.keep ? { keep: true } : {}),
        ...(flags.dataDir !== undefined ? { dataDir: path.resolve(io.cwd, flags.dataDir) } : {}),
        ...(flags.systemDUrl !== undefined ? { systemDUrl: flags.systemDUrl } : {}),
        ...(flags.changes === false ? { changes: false } : {}),
        onProgress: (line) => io.err(line),
      });
      setExitCode(0);
      const next = nextCommands(program, flags, fromCheckout);
      io.out(
        flags.json ? JSON.stringify({ ...summary, next }, null, 2) : demo.formatDemoSummary(summary, next),
      );
    });
}
