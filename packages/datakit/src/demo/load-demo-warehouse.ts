import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DatakitConfig } from '../config/define-config.js';
import { validateConfig } from '../config/load-config.js';
import { ensureTypeScriptLoader, isTypeScriptFile } from '../config/typescript-loader.js';
import { DatakitError } from '../errors/datakit-error.js';

/** The workspace package that holds the demo warehouse's config. */
export const DEMO_PACKAGE = '@datakit-examples/warehouse';

/** The demo warehouse config and the folder its relative `pglite://` paths resolve against. */
export interface DemoWarehouse {
  config: DatakitConfig;
  /** The repository root (the npm workspace root), or the working directory for the packaged demo. */
  root: string;
}

/** The demo warehouse compiled into the package by its build (`dist/demo-warehouse`). */
const BUNDLED = fileURLToPath(new URL('../demo-warehouse/warehouse/datakit.config.js', import.meta.url));

function notLoadable(where: string, cause: unknown): DatakitError {
  return new DatakitError(
    'USAGE',
    `The demo warehouse (${where}) cannot be loaded: ${(cause as Error).message ?? String(cause)}`,
    {
      hint: 'In a checkout of the Datakit repository run `npm install` at its root; an installed datakit package carries the demo in dist/demo-warehouse (reinstall it).',
      cause,
    },
  );
}

/**
 * Loads the demo warehouse config: in a checkout of the repository the example workspace
 * (`examples/warehouse`, TypeScript, so edits show at once) with the repository root as `root`;
 * in an installed package its compiled copy, with `cwd` as `root`, so the demo keeps its data in
 * `<cwd>/.datakit/dev`.
 *
 * @example
 * ```ts
 * const { config, root } = await loadDemoWarehouse();
 * Object.keys(config.warehouses); // ['demo']
 * ```
 */
export async function loadDemoWarehouse(cwd: string = process.cwd()): Promise<DemoWarehouse> {
  const workspaceEntry = resolveWorkspace();
  const entry = workspaceEntry ?? BUNDLED;
  let exported: unknown;
  try {
    if (isTypeScriptFile(entry)) await ensureTypeScriptLoader();
    exported = ((await import(pathToFileURL(entry).href)) as { default?: unknown }).default;
  } catch (cause) {
    throw notLoadable(workspaceEntry ? DEMO_PACKAGE : entry, cause);
  }
  const config = validateConfig(exported, `${DEMO_PACKAGE} (examples/warehouse/datakit.config.ts)`);
  return { config, root: workspaceEntry ? workspaceRoot(path.dirname(workspaceEntry)) : cwd };
}

/**
 * Whether the demo runs from a checkout of the repository (its example workspace resolves), rather
 * than from the copy an installed package carries.
 *
 * @example
 * ```ts
 * if (!demoFromCheckout()) console.log('Start your own project: npx datakit init');
 * ```
 */
export function demoFromCheckout(): boolean {
  return resolveWorkspace() !== undefined;
}

function resolveWorkspace(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(DEMO_PACKAGE);
  } catch {
    return undefined;
  }
}

/** The nearest folder above `from` whose package.json declares npm workspaces (else `from`'s package root). */
function workspaceRoot(from: string): string {
  let fallback: string | undefined;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      fallback ??= dir;
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
      if (json.workspaces !== undefined) return dir;
    }
    if (path.dirname(dir) === dir) return fallback ?? from;
  }
}
