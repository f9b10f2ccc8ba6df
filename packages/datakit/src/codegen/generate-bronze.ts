import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Datakit } from '../contract/define-datakit.js';
import { loadSourceDatakit } from './load-source-datakit.js';
import { type BronzeMixin, MIXIN_COLUMNS } from './mixin-columns.js';
import { planBronze } from './plan-bronze.js';
import {
  type BronzeSourceRef,
  renderBronzeIndex,
  renderBronzeNames,
  renderBronzeTransfers,
  renderBronzeTransforms,
} from './render-bronze.js';

/**
 * What `datakit generate bronze` takes.
 *
 * @example
 * ```ts
 * const options: GenerateBronzeOptions = { source: 'datakits/erp/index.ts', out: 'datakits/bronze-erp' };
 * ```
 */
export interface GenerateBronzeOptions {
  /** The module that exports the source datakit. */
  source: string;
  /** Its export, when the module exports several datakits. */
  exportName?: string;
  /** The folder to write into, created when missing (default `<cwd>/datakits/bronze-<system>`). */
  out?: string;
  /** Where a relative `source` or `out` starts (default: the process's working directory). */
  cwd?: string;
  /** The source system's name in the warehouse config (default: the datakit's `system`). */
  system?: string;
  /** The audit mixin of every bronze table (default `transactional`). */
  mixin?: BronzeMixin;
  /** The bronze datakit's version (default: the one already written, else `1.0.0`). */
  version?: string;
}

/**
 * What was generated.
 *
 * @example
 * ```ts
 * const { files, transfersExport } = await generateBronze({ source: 'datakits/erp/index.ts', out: 'datakits/bronze-erp' });
 * ```
 */
export interface GenerateBronzeResult {
  /** Absolute paths, in the order written: index.ts, transforms.ts, transfers.ts, names.ts. */
  files: string[];
  system: string;
  datakitExport: string;
  transfersExport: string;
  /** Source table → bronze table, with the row keys of each column (source key → bronze key). */
  tables: { source: string; bronze: string; columns: { source: string; bronze: string }[] }[];
}

/**
 * The four files of a bronze folder for a loaded source datakit, by file name: the same datakit
 * always gives the same bytes.
 *
 * @example
 * ```ts
 * const files = renderBronze(erp, { exportName: 'erp', specifier: '../erp/index.js' });
 * files['index.ts']; // 'export const orderLines = pgTable(...'
 * ```
 */
export function renderBronze(
  datakit: Datakit,
  options: { exportName: string; specifier: string; system?: string; mixin?: BronzeMixin; version?: string },
): { files: Record<string, string>; plan: ReturnType<typeof planBronze> } {
  const mixin = options.mixin ?? 'transactional';
  if (!(mixin in MIXIN_COLUMNS)) throw new Error(`Unknown mixin "${mixin}"`);
  const plan = planBronze(datakit, {
    system: options.system ?? datakit.system,
    mixin,
    sourceExport: options.exportName,
  });
  const source: BronzeSourceRef = {
    exportName: options.exportName,
    specifier: options.specifier,
    name: datakit.name,
  };
  return {
    plan,
    files: {
      'index.ts': renderBronzeIndex(plan, source, options.version ?? '1.0.0'),
      'transforms.ts': renderBronzeTransforms(plan, source),
      'transfers.ts': renderBronzeTransfers(plan, source),
      'names.ts': renderBronzeNames(plan, source),
    },
  };
}

/**
 * Writes the bronze tables, transforms, transfers and name mapping of a source datakit module
 * into `out`. Running it again on an unchanged source rewrites the same bytes.
 *
 * @example
 * ```ts
 * const result = await generateBronze({ source: 'datakits/erp/index.ts', out: 'datakits/bronze-erp' });
 * console.log(`${result.tables.length} bronze tables; transfers in ${result.transfersExport}`);
 * ```
 */
export async function generateBronze(options: GenerateBronzeOptions): Promise<GenerateBronzeResult> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadSourceDatakit(path.resolve(cwd, options.source), options.exportName);
  const system = options.system ?? loaded.datakit.system;
  const out = path.resolve(cwd, options.out ?? path.join('datakits', `bronze-${system}`));
  let specifier = path
    .relative(out, loaded.file)
    .split(path.sep)
    .join('/')
    .replace(/\.([cm]?)ts$/, '.$1js');
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  const { files, plan } = renderBronze(loaded.datakit, {
    exportName: loaded.exportName,
    specifier,
    system,
    ...(options.mixin !== undefined ? { mixin: options.mixin } : {}),
    version: options.version ?? existingVersion(path.join(out, 'index.ts')) ?? '1.0.0',
  });
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(out, name);
    await writeFile(file, text);
    written.push(file);
  }
  return {
    files: written,
    system: plan.system,
    datakitExport: plan.datakitExport,
    transfersExport: plan.transfersExport,
    tables: plan.tables.map((t) => ({
      source: t.sourceName,
      bronze: t.name,
      columns: t.columns.map((c) => ({ source: c.sourceKey, bronze: c.key.key })),
    })),
  };
}

function existingVersion(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  return /^\s*version: '([^']+)',$/m.exec(readFileSync(file, 'utf8'))?.[1];
}
