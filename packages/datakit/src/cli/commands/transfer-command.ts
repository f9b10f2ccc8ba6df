import type { Command } from 'commander';
import { planDemoTransfers, runDemoTransfers } from '../../demo/run-demo-transfers.js';
import { assertNoBreakingDrift } from '../../drift/assert-no-breaking-drift.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { nearestName } from '../../errors/nearest-name.js';
import { type CliIO, type CommonOptions, loadTarget } from '../cli-context.js';
import { withConnections } from '../with-connections.js';

/**
 * `datakit transfer [names...]`: checks drift of the involved tables, then runs declared transfers.
 *
 * @example
 * ```sh
 * npx datakit transfer customer --env dev
 * npx datakit transfer --env prod --json
 * ```
 */
export function registerTransferCommand(program: Command, io: CliIO, setExitCode: (code: number) => void): void {
  program
    .command('transfer')
    .description('Run declared transfers (all when no name is given): drift check first, then source → validate → transform → validate → target.')
    .argument('[names...]', 'transfer names from the config')
    .option('-e, --env <name>', 'environment (default: the config default, else dev)')
    .option('-w, --warehouse <name>', 'warehouse, when the config declares several')
    .option('-c, --config <file>', 'config file (default: ./datakit.config.ts)')
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit transfer customer --env dev
  $ npx datakit transfer --env prod --json`,
    )
    .action(async (names: string[], flags: CommonOptions) => {
      const { target } = await loadTarget(flags, io);
      const all = planDemoTransfers(target.warehouse);
      for (const name of names) {
        if (!all.some((p) => p.name === name)) {
          const near = nearestName(name, all.map((p) => p.name));
          throw new DatakitError('USAGE', `No transfer "${name}" in warehouse "${target.warehouseName}"`, {
            hint: near ? `Did you mean "${near}"?` : `Transfers: ${all.map((p) => p.name).join(', ')}.`,
          });
        }
      }
      const planned = names.length === 0 ? all : all.filter((p) => names.includes(p.name));
      const warehouseUrl = target.warehouseUrl();
      const systems = [...new Set(planned.map((p) => p.config.from))];
      const sourceUrls = Object.fromEntries(systems.map((s) => [s, target.sourceUrl(s)]));
      const results = await withConnections([warehouseUrl, ...Object.values(sourceUrls)], async (byUrl) => {
        const to = byUrl.get(warehouseUrl);
        const sources = Object.fromEntries(systems.map((s) => [s, byUrl.get(sourceUrls[s] ?? '')]).filter((e) => e[1]));
        if (!to) throw new Error('warehouse connection missing');
        await assertNoBreakingDrift({
          tables: planned.flatMap((p) => {
            const from = sources[p.config.from];
            return [
              { system: p.config.from, role: 'source' as const, contract: p.sourceDatakit.schemaOf(p.sourceKey), ...(from ? { connection: from } : {}) },
              { system: `${p.target.layer}:${p.target.datakit.name}`, role: 'target' as const, contract: p.target.table, connection: to },
            ];
          }),
        });
        return runDemoTransfers(planned, { to, sources, progress: !flags.json });
      });
      const failed = results.some((r) => r.rows.read !== r.rows.loaded + r.rows.rejected + r.rows.dropped);
      if (failed) setExitCode(1);
      if (flags.json) {
        io.out(JSON.stringify({ ok: !failed, warehouse: target.warehouseName, env: target.envName, transfers: results }, null, 2));
        return;
      }
      for (const r of results) {
        io.out(
          `${r.name}: ${r.source} → ${r.target} (${r.disposition}) read ${r.rows.read}, loaded ${r.rows.loaded}, rejected ${r.rows.rejected}, dropped ${r.rows.dropped} in ${(r.durationMs / 1000).toFixed(1)} s (${Math.round(r.rowsPerSecond)} rows/s)`,
        );
      }
    });
}
