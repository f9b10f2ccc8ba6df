import type { Command } from 'commander';
import { addCommonOptions } from '../add-common-options.js';
import type { CliIO, CommonOptions } from '../cli-context.js';

interface DriftFlags extends CommonOptions {
  sourcesOnly?: boolean;
  targetsOnly?: boolean;
  evolve?: boolean;
}

/**
 * `datakit drift`: every source and warehouse table against its contract; exit 1 on breaking drift.
 *
 * @example
 * ```sh
 * npx datakit drift --env prod
 * npx datakit drift --env prod --json | jq '.tables[] | select(.outcome == "fail")'
 * ```
 */
export function registerDriftCommand(program: Command, io: CliIO, setExitCode: (code: number) => void): void {
  const command = program
    .command('drift')
    .description(
      'Check live source and warehouse tables against their contracts; exit 1 when a change would stop a run.',
    )
    .option('--sources-only', 'check only the source systems')
    .option('--targets-only', 'check only the warehouse tables')
    .option('--evolve', 'apply the additive changes of tables whose policy is "evolve"');
  addCommonOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit drift --env prod
  $ npx datakit drift --env dev --sources-only --json`,
    )
    .action(async (flags: DriftFlags) => {
      const { loadTarget } = await import('../cli-context.js');
      const { warehouseDriftTables } = await import('../warehouse-drift-tables.js');
      const { withConnections } = await import('../with-connections.js');
      const { checkDrift } = await import('../../drift/check-drift.js');
      const { formatDriftReport } = await import('../../drift/format-drift-report.js');
      const { target } = await loadTarget(flags, io);
      const located = warehouseDriftTables(target, {
        sources: !flags.targetsOnly,
        targets: !flags.sourcesOnly,
      });
      const result = await withConnections(
        located.map((l) => l.url),
        (byUrl) =>
          checkDrift({
            tables: located.map((l) => ({ ...l.table, connection: byUrl.get(l.url) ?? unreachable() })),
            applyEvolution: Boolean(flags.evolve),
          }),
      );
      if (!result.ok) setExitCode(1);
      if (flags.json) {
        const tables = result.tables.map(({ live: _live, ...rest }) => rest);
        io.out(
          JSON.stringify(
            { ok: result.ok, warehouse: target.warehouseName, env: target.envName, tables },
            null,
            2,
          ),
        );
        return;
      }
      io.out(`drift ${target.warehouseName}/${target.envName}: ${located.length} table(s)`);
      io.out(formatDriftReport(result).trimEnd());
    });
}

function unreachable(): never {
  throw new Error('connection missing for a located table');
}
