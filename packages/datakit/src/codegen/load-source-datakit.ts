import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Datakit } from '../contract/define-datakit.js';
import { isDatakit } from '../contract/is-datakit.js';
import { ensureTypeScriptLoader, isTypeScriptFile } from '../contract/typescript-loader.js';
import { DatakitError } from '../errors/datakit-error.js';

/**
 * A datakit imported from a module file, with the export it came from.
 *
 * @example
 * ```ts
 * const { file, exportName, datakit } = await loadSourceDatakit('datakits/erp/index.ts');
 * ```
 */
export interface LoadedSourceDatakit {
  /** Absolute path of the module. */
  file: string;
  exportName: string;
  datakit: Datakit;
}

/**
 * Imports a datakit module (TypeScript through the TypeScript loader) and picks its datakit: the
 * only one it exports, or the one named by `exportName`. Each call imports the file afresh, so a
 * module rewritten by introspection is read as it is now.
 *
 * @example
 * ```ts
 * const { datakit, exportName } = await loadSourceDatakit('datakits/erp/index.ts');
 * ```
 */
export async function loadSourceDatakit(
  modulePath: string,
  exportName?: string,
): Promise<LoadedSourceDatakit> {
  const file = path.resolve(modulePath);
  if (!existsSync(file)) {
    throw new DatakitError('USAGE', `Datakit module "${modulePath}" does not exist`, {
      hint: 'Give the file that exports the datakit (defineDatakit(...)), e.g. datakits/erp/index.ts, or a connection URL.',
    });
  }
  let exports: Record<string, unknown>;
  try {
    if (isTypeScriptFile(file)) await ensureTypeScriptLoader();
    exports = (await import(`${pathToFileURL(file).href}?v=${Date.now()}`)) as Record<string, unknown>;
  } catch (cause) {
    const missing = /Cannot find (?:module|package) '((?:@[^/']+\/)?[^/']+)/.exec(
      (cause as Error).message ?? '',
    )?.[1];
    throw new DatakitError(
      'USAGE',
      `Datakit module "${modulePath}" failed to load: ${(cause as Error).message}`,
      {
        hint: missing
          ? `Install "${missing}" where the module can import it: npm install (in the project that holds ${modulePath}).`
          : 'Fix the error in the module (npx tsc --noEmit shows it), then run the command again.',
        cause,
      },
    );
  }
  const found = Object.keys(exports)
    .sort()
    .filter((key) => isSourceDatakit(exports[key]));
  const chosen = exportName === undefined ? found : found.filter((key) => key === exportName);
  const only = chosen[0];
  if (chosen.length !== 1 || only === undefined) {
    throw new DatakitError(
      'USAGE',
      chosen.length === 0
        ? `Module "${modulePath}" exports no datakit${exportName ? ` named "${exportName}"` : ''}`
        : `Module "${modulePath}" exports several datakits: ${found.join(', ')}`,
      {
        hint:
          found.length === 0
            ? 'Export the result of defineDatakit({ name, version, tables }) from the module.'
            : `Choose one with --export: ${found.join(', ')}.`,
      },
    );
  }
  return { file, exportName: only, datakit: exports[only] as Datakit };
}

function isSourceDatakit(value: unknown): value is Datakit {
  return isDatakit(value) && typeof (value as { tables?: unknown }).tables === 'object';
}
