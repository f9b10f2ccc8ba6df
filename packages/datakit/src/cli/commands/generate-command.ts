import path from 'node:path';
import type { Command } from 'commander';
import { type BronzeMixin, MIXIN_COLUMNS } from '../../codegen/mixin-columns.js';
import { DatakitError } from '../../errors/datakit-error.js';
import type { CliIO } from '../cli-io.js';

interface BronzeFlags {
  source: string;
  out?: string;
  export?: string;
  system?: string;
  mixin?: string;
  schema?: string;
  sourceOut?: string;
  json?: boolean;
}

/**
 * `datakit generate bronze`: bronze tables, typed transforms, transfers and the name mapping of
 * a source datakit (a module, or a database URL introspected first).
 *
 * @example
 * ```sh
 * npx datakit generate bronze --source datakits/erp/index.ts
 * npx datakit generate bronze --source mysql://reader@db:3306/erp --out datakits/bronze-erp
 * ```
 */
export function registerGenerateCommand(program: Command, io: CliIO): void {
  const generate = program
    .command('generate')
    .description(
      'Generate warehouse code from a source datakit: `generate bronze` writes bronze tables, transforms and transfers.',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ npx datakit generate bronze --source datakits/erp/index.ts
  $ npx datakit generate bronze --source mysql://reader@db:3306/erp`,
    );
  generate
    .command('bronze')
    .description(
      'Write bronze tables (snake_case, audit mixin, lineage columns, only the primary key) and typed transfers for every table of a source.',
    )
    .requiredOption(
      '--source <module or url>',
      'the source datakit module (e.g. datakits/erp/index.ts), or a connection URL to introspect first',
    )
    .option('-o, --out <dir>', 'folder to write into (default datakits/bronze-<system>)')
    .option('--export <name>', 'the datakit export, when the module exports several')
    .option(
      '--system <name>',
      "the source system's name in the warehouse config (default: the datakit's system)",
    )
    .option(
      '--mixin <name>',
      `audit mixin of every bronze table: ${Object.keys(MIXIN_COLUMNS).join(', ')} (default transactional)`,
    )
    .option('-s, --schema <schema>', 'with a URL: the PostgreSQL schema to introspect (default public)')
    .option(
      '--source-out <dir>',
      'with a URL: where to write the introspected source datakit (default datakits/<system>)',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Each source table gets a bronze table named in snake_case (OrderLines → order_lines; the mapping is
written to names.ts), with the source's column types and nullability, its primary key and no other
constraint, the audit mixin's columns and the lineage columns. transforms.ts copies every column
(renaming where needed) with defineTransform, so tsc checks each one; transfers.ts holds the
transfers to spread into datakit.config.ts. Re-running on an unchanged source writes the same bytes.

Examples:
  $ npx datakit generate bronze --source datakits/erp/index.ts
  $ npx datakit generate bronze --source mysql://reader@db:3306/erp --out datakits/bronze-erp
  $ npx datakit generate bronze --source postgres://u@h/crm --schema sales --mixin reference`,
    )
    .action(async (flags: BronzeFlags) => {
      const mixin = flags.mixin ?? 'transactional';
      if (!(mixin in MIXIN_COLUMNS)) {
        throw new DatakitError('USAGE', `Unknown mixin "${mixin}"`, {
          hint: `Use one of: ${Object.keys(MIXIN_COLUMNS).join(', ')}.`,
        });
      }
      const { generateBronze } = await import('../../codegen/generate-bronze.js');
      const { introspectSource, isConnectionUrl, systemNameOf } = await import(
        '../../codegen/introspect-source.js'
      );
      let modulePath = path.resolve(io.cwd, flags.source);
      let system = flags.system;
      if (isConnectionUrl(flags.source)) {
        system ??= systemNameOf(flags.source, flags.schema);
        const sourceOut = path.resolve(io.cwd, flags.sourceOut ?? path.join('datakits', system));
        const introspected = await introspectSource(flags.source, {
          out: sourceOut,
          name: system,
          ...(flags.schema !== undefined ? { schema: flags.schema } : {}),
        });
        for (const warning of introspected.warnings) io.err(`warning: ${warning.message}`);
        modulePath = introspected.files[0] as string;
      }
      const result = await generateBronze({
        source: modulePath,
        cwd: io.cwd,
        mixin: mixin as BronzeMixin,
        ...(flags.out !== undefined ? { out: flags.out } : {}),
        ...(flags.export !== undefined ? { exportName: flags.export } : {}),
        ...(system !== undefined ? { system } : {}),
      });
      if (flags.json) {
        io.out(JSON.stringify({ ok: true, source: path.relative(io.cwd, modulePath), ...result }, null, 2));
        return;
      }
      const rel = (file: string) => path.relative(io.cwd, file);
      io.out(
        `Wrote ${result.files.map(rel).join(', ')}: ${result.tables.length} bronze table(s) from ${rel(modulePath)}.`,
      );
      io.out(
        `Next: in datakit.config.ts add ${result.datakitExport} to layers.bronze.datakits, the source datakit to sources['${result.system}'], and ...${result.transfersExport} to transfers.`,
      );
    });
}
