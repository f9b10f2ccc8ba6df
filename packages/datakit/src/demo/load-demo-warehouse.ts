import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DatakitConfig } from '../config/define-config.js';
import { validateConfig } from '../config/load-config.js';
import { DatakitError } from '../errors/datakit-error.js';

/** The workspace package that holds the demo warehouse's config. */
export const DEMO_PACKAGE = '@datakit-examples/warehouse';

/** The demo warehouse config and the folder its relative `pglite://` paths resolve against. */
export interface DemoWarehouse {
  config: DatakitConfig;
  /** The repository root (the npm workspace root), where `datakit.config.ts` re-exports the demo. */
  root: string;
}

function notInCheckout(cause: unknown): DatakitError {
  return new DatakitError(
    'USAGE',
    `The demo warehouse (${DEMO_PACKAGE}) cannot be loaded: ${(cause as Error).message ?? String(cause)}`,
    {
      hint: 'The demo runs from a checkout of the Datakit repository: clone it, run `npm install` at its root, then `npx datakit demo` there.',
      cause,
    },
  );
}

/**
 * Imports the example warehouse config (a workspace package of the Datakit repository) and finds
 * the repository root, so the demo keeps its data where `datakit ui` and `datakit deploy --env dev`
 * run from the root will look.
 *
 * @example
 * ```ts
 * const { config, root } = await loadDemoWarehouse();
 * Object.keys(config.warehouses); // ['demo']
 * ```
 */
export async function loadDemoWarehouse(): Promise<DemoWarehouse> {
  let entry: string;
  let exported: unknown;
  try {
    entry = createRequire(import.meta.url).resolve(DEMO_PACKAGE);
    // A variable specifier keeps TypeScript from compiling the examples into this package.
    const specifier: string = DEMO_PACKAGE;
    exported = ((await import(specifier)) as { default?: unknown }).default;
  } catch (cause) {
    throw notInCheckout(cause);
  }
  const config = validateConfig(exported, `${DEMO_PACKAGE} (examples/warehouse/datakit.config.ts)`);
  return { config, root: workspaceRoot(path.dirname(entry)) };
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
