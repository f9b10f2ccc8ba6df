import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DatakitShape, isDatakit } from '../contract/is-datakit.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { DatakitSnapshot } from './compare-datakits.js';

/**
 * Which datakit of a module to take when it exports several.
 *
 * @example
 * ```ts
 * await loadDatakitModule('datakits/all.ts', { name: 'system-a' });
 * ```
 */
export interface PickDatakitOptions {
  /** The export's name (e.g. `systemA`). */
  exportName?: string;
  /** The datakit's `name` (e.g. `system-a`). */
  name?: string;
}

/**
 * The plain snapshot of a datakit: name, version and every table's schema in key order.
 *
 * @example
 * ```ts
 * const snapshot = snapshotDatakit(systemA); // { name: 'system-a', version: '1.2.0', tables: [...] }
 * ```
 */
export function snapshotDatakit(datakit: DatakitShape): DatakitSnapshot {
  return {
    name: datakit.name,
    version: datakit.version,
    tables: datakit.keys.map((key) => datakit.schemaOf(key)),
  };
}

/**
 * Imports a TypeScript (or JavaScript) module through tsx and snapshots the datakit it exports.
 * Throws a `USAGE` error naming the module when it exports none, or several and `options` does
 * not say which.
 *
 * @example
 * ```ts
 * const older = await loadDatakitModule('datakits/system-a/index.ts', { exportName: 'systemA' });
 * ```
 */
export async function loadDatakitModule(
  modulePath: string,
  options: PickDatakitOptions = {},
): Promise<DatakitSnapshot> {
  const file = path.resolve(modulePath);
  if (!existsSync(file)) {
    throw new DatakitError('USAGE', `Datakit module "${modulePath}" does not exist`, {
      hint: 'Give the path of the TypeScript module that exports the datakit (defineDatakit(...)).',
    });
  }
  const { tsImport } = await import('tsx/esm/api');
  let exports: Record<string, unknown>;
  try {
    exports = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
  } catch (cause) {
    throw new DatakitError(
      'CONTRACT',
      `Datakit module "${modulePath}" failed to load: ${(cause as Error).message}`,
      {
        hint: 'Fix the error in the module (run tsc on it), then try again.',
        cause,
      },
    );
  }
  return snapshotDatakit(pickDatakit(exports, modulePath, options));
}

/**
 * The one datakit among a module's exports.
 *
 * @example
 * ```ts
 * pickDatakit(await import('./datakits/system-a/index.ts'), 'datakits/system-a/index.ts');
 * ```
 */
export function pickDatakit(
  exports: Record<string, unknown>,
  where: string,
  options: PickDatakitOptions = {},
): DatakitShape {
  const found = Object.keys(exports)
    .sort()
    .flatMap((key) => {
      const value = exports[key];
      return isDatakit(value) ? [{ key, value }] : [];
    });
  const unique = [...new Map(found.map((f) => [f.value, f])).values()];
  let chosen = unique;
  if (options.exportName !== undefined) chosen = unique.filter((f) => f.key === options.exportName);
  else if (unique.length > 1 && options.name !== undefined)
    chosen = unique.filter((f) => f.value.name === options.name);
  const only = chosen[0];
  if (chosen.length === 1 && only) return only.value;
  const listed = unique.map((f) => `${f.key} (${f.value.name})`).join(', ');
  throw new DatakitError(
    'USAGE',
    chosen.length === 0
      ? `Module "${where}" exports no datakit${options.exportName ? ` named "${options.exportName}"` : ''}`
      : `Module "${where}" exports several datakits: ${listed}`,
    {
      hint:
        unique.length === 0
          ? 'Export the result of defineDatakit({ name, version, tables }) from the module.'
          : `Choose one by its export name: ${unique.map((f) => f.key).join(', ')}.`,
    },
  );
}
