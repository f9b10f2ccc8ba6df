import path from 'node:path';
import type { Command } from 'commander';
import { type BronzeMixin, MIXIN_COLUMNS } from '../../codegen/mixin-columns.js';
import { DatakitError } from '../../errors/datakit-error.js';
import type { CliIO } from '../cli-io.js';

interface InitFlags {
  from: string[];
  schema?: string;
  force?: boolean;
  warehouse?: string;
  mixin?: string;
  json?: boolean;
}

/**
 * `datakit init [dir]`: scaffolds a warehouse project, with `--from` its source datakits, bronze
 * tables, transfers and a transform test.
 *
 * @example
 * ```sh
 * npx datakit init my-warehouse --from postgres://reader@crm-db:5432/crm --from erp=mysql://reader@erp-db:3306/erp
 * ```
 */
export function registerInitCommand(program: Command, io: CliIO): void {
  program
    .command('init')
    .description(
      'Start a warehouse project: config with dev (PGlite) and prod environments; with --from, source datakits, bronze tables, transfers and a test.',
    )
    .argument('[dir]', 'project folder (default: the current folder)', '.')
    .option(
      '--from <url>',
      'a source database to introspect, as <url> or <system>=<url>; repeat for several',
      collect,
      [],
    )
    .option('-s, --schema <schema>', 'PostgreSQL schema to read from PostgreSQL sources (default public)')
    .option('--warehouse <name>', "the warehouse's name in the config (default main)")
    .option(
      '--mixin <name>',
      `audit mixin of the bronze tables: ${Object.keys(MIXIN_COLUMNS).join(', ')} (default transactional)`,
    )
    .option('--force', 'overwrite existing files (init otherwise refuses, listing them)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Writes package.json (or completes an existing one), tsconfig.json, datakit.config.ts, .env.example,
.gitignore and README.md. With --from, each source's tables are introspected into datakits/<system>,
its bronze tables, typed transforms and transfers generated into datakits/bronze-<system>, its dev
URL written to .env (never committed), and test/transforms.test.ts tests the transforms with
factories. Run \`npm install datakit-warehouse\` in the folder first, so the generated code can import it.

Examples:
  $ npx datakit init my-warehouse
  $ npx datakit init --from postgres://reader@127.0.0.1:5432/crm
  $ npx datakit init . --from erp=mysql://reader@erp-db:3306/erp --from crm=postgres://reader@crm-db/crm
  $ npx datakit init my-warehouse --force         overwrite the files init writes`,
    )
    .action(async (dir: string, flags: InitFlags) => {
      const mixin = flags.mixin ?? 'transactional';
      if (!(mixin in MIXIN_COLUMNS)) {
        throw new DatakitError('USAGE', `Unknown mixin "${mixin}"`, {
          hint: `Use one of: ${Object.keys(MIXIN_COLUMNS).join(', ')}.`,
        });
      }
      const { initProject } = await import('../../scaffold/init-project.js');
      const result = await initProject({
        dir: path.resolve(io.cwd, dir),
        from: flags.from,
        mixin: mixin as BronzeMixin,
        ...(flags.schema !== undefined ? { schema: flags.schema } : {}),
        ...(flags.warehouse !== undefined ? { warehouse: flags.warehouse } : {}),
        ...(flags.force ? { force: true } : {}),
        ...(flags.json ? {} : { onProgress: (line: string) => io.err(line) }),
      });
      for (const warning of result.warnings) io.err(`warning: ${warning.message}`);
      if (flags.json) {
        io.out(JSON.stringify({ ok: true, ...result }, null, 2));
        return;
      }
      const where = path.relative(io.cwd, result.dir) || '.';
      io.out(
        `Created a Datakit project in ${where} (${result.files.length} files; package.json ${result.packageJson}).`,
      );
      for (const s of result.sources)
        io.out(`  ${s.system}: ${s.tables} tables → datakits/${s.system}, datakits/bronze-${s.system}`);
      io.out('\nNext:');
      if (where !== '.') io.out(`  cd ${where}`);
      io.out('  npm install');
      io.out('  npm run typecheck && npm test');
      io.out('  npx datakit deploy --env dev');
      if (result.sources.length > 0) io.out('  npx datakit transfer --env dev');
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
