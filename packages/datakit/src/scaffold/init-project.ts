import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { generateBronze } from '../codegen/generate-bronze.js';
import { introspectSource, isConnectionUrl, systemNameOf } from '../codegen/introspect-source.js';
import type { BronzeMixin } from '../codegen/mixin-columns.js';
import { transferName } from '../codegen/render-bronze.js';
import type { CodegenWarning } from '../codegen/render-table.js';
import { DatakitError } from '../errors/datakit-error.js';
import { packageInfo } from '../package-info.js';
import { projectPackageJson } from './project-package-json.js';
import { renderConfig } from './render-config.js';
import { renderEnv, renderEnvExample, renderGitignore, renderTsconfig } from './render-project-files.js';
import { renderReadme } from './render-readme.js';
import { renderTransformTest } from './render-transform-test.js';
import { envPrefixOf, type ScaffoldSource } from './scaffold-source.js';

/**
 * What `datakit init` takes.
 *
 * @example
 * ```ts
 * const options: InitOptions = { dir: 'my-warehouse', from: ['erp=mysql://reader@db:3306/erp'] };
 * ```
 */
export interface InitOptions {
  /** The project folder (created when missing). */
  dir: string;
  /** Source databases to introspect: `<url>` or `<system>=<url>`. */
  from?: readonly string[];
  /** The PostgreSQL schema to read from PostgreSQL sources (default `public`). */
  schema?: string;
  /** Overwrite existing files instead of refusing. */
  force?: boolean;
  /** The warehouse's name in the config (default `main`). */
  warehouse?: string;
  mixin?: BronzeMixin;
  /** A line per step, for the CLI. */
  onProgress?: (line: string) => void;
}

/**
 * What `datakit init` wrote.
 *
 * @example
 * ```ts
 * const { files, sources } = await initProject({ dir: 'my-warehouse' });
 * ```
 */
export interface InitResult {
  dir: string;
  /** Files written, relative to `dir`, sorted. */
  files: string[];
  /** Whether an existing package.json was completed rather than created. */
  packageJson: 'created' | 'updated';
  sources: { system: string; tables: number }[];
  warnings: CodegenWarning[];
}

/**
 * Scaffolds a warehouse project: package.json, tsconfig.json, datakit.config.ts (dev on PGlite,
 * prod from environment variables), .env.example, .gitignore and a README; with `from`, each
 * source introspected into `datakits/<system>`, its bronze tables, transforms and transfers
 * generated into `datakits/bronze-<system>`, the dev URLs in `.env` and a transform test. Refuses
 * to overwrite any existing file (listing them) unless `force`; an existing package.json is
 * completed, never overwritten.
 *
 * @example
 * ```ts
 * await initProject({ dir: '.', from: ['postgres://reader@crm-db:5432/crm'] });
 * ```
 */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const dir = path.resolve(options.dir);
  const say = options.onProgress ?? (() => {});
  const sources = planSources(options.from ?? []);
  const planned = [
    'datakit.config.ts',
    'tsconfig.json',
    '.env.example',
    '.gitignore',
    'README.md',
    ...(sources.length > 0 ? ['.env', 'test/transforms.test.ts'] : []),
    ...sources.flatMap((s) => [
      s.datakitFile,
      ...['index.ts', 'transforms.ts', 'transfers.ts', 'names.ts'].map((f) => `${s.bronzeDir}/${f}`),
    ]),
  ];
  const existing = planned.filter((file) => existsSync(path.join(dir, file)));
  if (existing.length > 0 && options.force !== true) {
    throw new DatakitError(
      'USAGE',
      `${path.relative(process.cwd(), dir) || '.'} already has ${existing.length === 1 ? 'a file' : 'files'} init would write: ${existing.join(', ')}`,
      { hint: 'Run init in an empty folder (datakit init <dir>), or pass --force to overwrite them.' },
    );
  }
  if (sources.length > 0) assertDatakitResolves(dir);
  await mkdir(dir, { recursive: true });
  // package.json first: its "type": "module" decides how the introspected modules load.
  const manifest = path.join(dir, 'package.json');
  const current = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>)
    : undefined;
  const info = packageInfo();
  const name =
    path
      .basename(dir)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+/, '') || 'warehouse';
  await writeFile(
    manifest,
    projectPackageJson(name, current, {
      library: { name: info.name, version: info.version },
      drizzle: info.dependencies['drizzle-orm'] ?? 'latest',
    }),
  );

  const warnings: CodegenWarning[] = [];
  const summary: InitResult['sources'] = [];
  for (const source of sources) {
    say(`Introspecting ${source.system} ...`);
    const introspected = await introspectSource(source.url, {
      out: path.join(dir, path.dirname(source.datakitFile)),
      name: source.system,
      ...(options.schema !== undefined ? { schema: options.schema } : {}),
    });
    warnings.push(...introspected.warnings);
    source.datakitExport = introspected.exportName;
    say(
      `Generating the bronze tables and transfers of ${source.system} (${introspected.tables.length} tables) ...`,
    );
    const bronze = await generateBronze({
      source: introspected.files[0] as string,
      out: path.join(dir, source.bronzeDir),
      system: source.system,
      ...(options.mixin !== undefined ? { mixin: options.mixin } : {}),
    });
    source.bronzeExport = bronze.datakitExport;
    source.transfersExport = bronze.transfersExport;
    source.transfers = bronze.tables.map((t) => transferName(source.system, t.bronze));
    const first = bronze.tables[0];
    const column = first?.columns[0];
    if (first && column) {
      source.example = {
        transfer: transferName(source.system, first.bronze),
        sourceKey: column.source,
        bronzeKey: column.bronze,
      };
    }
    summary.push({ system: source.system, tables: bronze.tables.length });
  }

  const files: Record<string, string> = {
    'datakit.config.ts': renderConfig(options.warehouse ?? 'main', sources),
    'tsconfig.json': renderTsconfig(),
    '.env.example': renderEnvExample(sources),
    '.gitignore': renderGitignore(),
    'README.md': renderReadme(name, sources),
    ...(sources.length > 0
      ? { '.env': renderEnv(sources), 'test/transforms.test.ts': renderTransformTest(sources) }
      : {}),
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text, file === '.env' ? { mode: 0o600 } : {});
  }
  return {
    dir,
    files: [...new Set([...planned, 'package.json'])].sort(),
    packageJson: current ? 'updated' : 'created',
    sources: summary,
    warnings,
  };
}

function planSources(from: readonly string[]): ScaffoldSource[] {
  const taken = new Set<string>();
  return from.map((spec) => {
    const named = /^([A-Za-z][A-Za-z0-9_-]*)=(.+)$/.exec(spec);
    const url = named ? (named[2] as string) : spec;
    if (!isConnectionUrl(url)) {
      throw new DatakitError(
        'USAGE',
        `--from needs a connection URL, got "${spec.replace(/:[^:@/]*@/, ':***@')}"`,
        {
          hint: 'E.g. --from postgres://reader@db:5432/crm or --from erp=mysql://reader@db:3306/erp.',
        },
      );
    }
    let system = named ? (named[1] as string).toLowerCase() : systemNameOf(url);
    for (let i = 2; taken.has(system); i++) system = `${system.replace(/-\d+$/, '')}-${i}`;
    taken.add(system);
    return {
      system,
      envPrefix: envPrefixOf(system),
      url,
      datakitFile: `datakits/${system}/index.ts`,
      datakitExport: '',
      bronzeDir: `datakits/bronze-${system}`,
      bronzeExport: '',
      transfersExport: '',
      transfers: [],
    };
  });
}

function assertDatakitResolves(dir: string): void {
  const { name } = packageInfo();
  try {
    createRequire(path.join(dir, 'package.json')).resolve(name);
  } catch {
    throw new DatakitError('USAGE', `${name} is not installed where ${dir} can import it`, {
      hint: `The generated datakits import "${name}" and "drizzle-orm": run \`npm install ${name}\` in ${dir} first, then init --from again.`,
    });
  }
}
