import type { Command } from 'commander';
import { addCommonOptions, type CommonOptions } from '../add-common-options.js';
import type { CliIO } from '../cli-io.js';

/**
 * `datakit config`: loads and checks datakit.config.ts and prints what it declares for one
 * environment (layers, sources, transfers, pipelines with their task counts and schedules), with
 * every URL resolved (passwords redacted). Opens no connection.
 *
 * @example
 * ```sh
 * npx datakit config --env prod --json
 * ```
 */
export function registerConfigCommand(program: Command, io: CliIO): void {
  const command = program
    .command('config')
    .description(
      'Check datakit.config.ts and show one environment: layers, sources, transfers, pipelines and resolved URLs (no connection).',
    );
  addCommonOptions(command)
    .addHelpText(
      'after',
      `
Fails (exit 2) on a typo in a key, an unknown source system, a missing environment or an unset
environment variable, naming the key and the fix. Passwords in URLs are shown as ***.

Examples:
  $ npx datakit config
  $ npx datakit config --env prod --json`,
    )
    .action(async (flags: CommonOptions) => {
      const { loadChecked } = await import('../cli-context.js');
      const { selectEnvironment } = await import('../../config/select-environment.js');
      const { planWarehouse } = await import('../../warehouse/plan-warehouse.js');
      const { parseConnectionUrl } = await import('../../dialect/parse-connection-url.js');
      const loaded = await loadChecked(flags.config, io);
      const target = selectEnvironment(loaded, {
        ...(flags.env ? { env: flags.env } : {}),
        ...(flags.warehouse ? { warehouse: flags.warehouse } : {}),
      });
      const redact = (url: string) => parseConnectionUrl(url).redacted;
      const { tables } = planWarehouse(target);
      const summary = {
        ok: true,
        file: loaded.file,
        warehouse: target.warehouseName,
        env: target.envName,
        warehouseUrl: redact(target.warehouseUrl()),
        layers: Object.fromEntries(
          (['bronze', 'silver', 'gold'] as const).flatMap((layer) => {
            const inLayer = tables.filter((t) => t.layer === layer);
            return inLayer.length === 0 ? [] : [[layer, inLayer.map((t) => t.id)]];
          }),
        ),
        sources: Object.fromEntries(
          Object.entries(target.warehouse.sources ?? {}).map(([system, datakit]) => [
            system,
            {
              datakit: `${datakit.name}@${datakit.version}`,
              tables: datakit.keys.length,
              url: redact(target.sourceUrl(system)),
            },
          ]),
        ),
        transfers: Object.keys(target.warehouse.transfers ?? {}),
        pipelines: Object.fromEntries(
          Object.entries(target.warehouse.pipelines ?? {}).map(([name, pipeline]) => [
            name,
            {
              tasks: pipeline.tasks.length,
              ...(pipeline.schedule !== undefined
                ? { schedule: pipeline.schedule, timezone: pipeline.timezone ?? 'UTC' }
                : {}),
            },
          ]),
        ),
      };
      if (flags.json) {
        io.out(JSON.stringify(summary, null, 2));
        return;
      }
      io.out(`${loaded.file}: warehouse "${summary.warehouse}", environment "${summary.env}"`);
      io.out(`  warehouse  ${summary.warehouseUrl}`);
      for (const [layer, names] of Object.entries(summary.layers))
        io.out(`  ${layer.padEnd(9)}  ${names.length} tables`);
      for (const [system, s] of Object.entries(summary.sources))
        io.out(`  source ${system}: ${s.datakit}, ${s.tables} tables, ${s.url}`);
      io.out(
        `  ${summary.transfers.length} transfers${summary.transfers.length > 0 ? `: ${summary.transfers.join(', ')}` : ''}`,
      );
      const pipelines = Object.entries(summary.pipelines);
      if (pipelines.length === 0) io.out('  0 pipelines');
      for (const [name, p] of pipelines) {
        const when = 'schedule' in p ? `, schedule "${p.schedule}" (${p.timezone})` : ', no schedule';
        io.out(`  pipeline ${name}: ${p.tasks} task${p.tasks === 1 ? '' : 's'}${when}`);
      }
    });
}
