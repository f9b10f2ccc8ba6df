import path from 'node:path';
import type { Command } from 'commander';
import type { CliIO } from '../cli-context.js';

interface IntrospectFlags {
  out: string;
  schema?: string;
  tables?: string;
  name?: string;
  version?: string;
  json?: boolean;
}

/**
 * `datakit introspect <url>`: writes a datakit (Drizzle tables + defineDatakit) from a live catalog.
 *
 * @example
 * ```sh
 * npx datakit introspect mysql://reader@db:3306/orders --out datakits/system-d
 * npx datakit introspect postgres://u@h/crm --schema crm --tables customer,address --out datakits/crm
 * ```
 */
export function registerIntrospectCommand(program: Command, io: CliIO): void {
  program
    .command('introspect')
    .description(
      'Write a datakit from a live database: types, keys, nullability, enums, defaults, indexes, checks.',
    )
    .argument(
      '<url>',
      'connection URL (postgres://, mysql://, pglite://); use ${env:NAME} style only in configs, a literal URL here',
    )
    .requiredOption('-o, --out <dir>', 'folder to write index.ts into')
    .option(
      '-s, --schema <schema>',
      "PostgreSQL schema (default public) or MySQL database (default: the URL's)",
    )
    .option('-t, --tables <list>', 'comma-separated table names (default: all base tables)')
    .option('--name <name>', 'datakit name (default: the folder name)')
    .option('--version <semver>', 'contract version (default: keep the existing one, else 1.0.0)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Regenerating from an unchanged database writes byte-identical files. Types Datakit cannot map
become text columns marked with a comment, and are listed on stderr.

Examples:
  $ npx datakit introspect postgres://postgres@127.0.0.1:5432/erp --schema sales --out datakits/erp-sales
  $ npx datakit introspect mysql://root@127.0.0.1:3306/orders --tables orders,order_line --out datakits/system-d`,
    )
    .action(async (url: string, flags: IntrospectFlags) => {
      const { introspectToDirectory } = await import('../../codegen/introspect-to-directory.js');
      const result = await introspectToDirectory({
        url,
        out: path.resolve(io.cwd, flags.out),
        ...(flags.schema ? { schema: flags.schema } : {}),
        ...(flags.tables
          ? {
              tables: flags.tables
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
            }
          : {}),
        ...(flags.name ? { name: flags.name } : {}),
        ...(flags.version ? { version: flags.version } : {}),
      });
      for (const warning of result.warnings) io.err(`warning: ${warning.message}`);
      if (flags.json) {
        io.out(JSON.stringify({ ok: true, ...result }, null, 2));
        return;
      }
      io.out(
        `Wrote ${result.files.map((f) => path.relative(io.cwd, f)).join(', ')}: datakit "${result.exportName}" with ${result.tables.length} table(s): ${result.tables.join(', ')}`,
      );
    });
}
