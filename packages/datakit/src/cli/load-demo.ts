import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureTypeScriptLoader, isTypeScriptFile } from '../contract/typescript-loader.js';
import { DatakitError } from '../errors/datakit-error.js';

/** The workspace package of the demo (`examples/demo`): a user of the library's public API. */
export const DEMO_PACKAGE = '@datakit-examples/demo';

/** What `datakit demo` passes to the demo's `runDemo`. */
export interface DemoRunOptions {
  /** The folder the warehouse config's relative `pglite://` paths resolve against. */
  root: string;
  rows?: number;
  seed?: number;
  keep?: boolean;
  dataDir?: string;
  systemDUrl?: string;
  changes?: boolean;
  onProgress: (line: string) => void;
}

/** The part of the demo module that `datakit demo` runs: the run, and its summary as text. */
export interface DemoModule {
  runDemo(options: DemoRunOptions): Promise<object>;
  /** `summary` is what `runDemo` returned. */
  formatDemoSummary(summary: object, next: readonly string[]): string;
}

/** The demo, where it was found, and the folder its data goes under. */
export interface LoadedDemo {
  demo: DemoModule;
  /** True in a checkout of the repository (the example workspace), false in an installed package. */
  fromCheckout: boolean;
  /** The repository root in a checkout, else the working directory. */
  root: string;
}

/** The demo compiled into the package by its build (`dist/demo-warehouse`). */
const BUNDLED = fileURLToPath(new URL('../demo-warehouse/demo/src/index.js', import.meta.url));

/**
 * Loads the demo: in a checkout of the repository the example workspace (`examples/demo`,
 * TypeScript, so edits show at once), with the repository root as `root`; in an installed
 * package its compiled copy, with `cwd` as `root`, so the demo keeps its data in
 * `<cwd>/.datakit/dev`.
 *
 * @example
 * ```ts
 * const { demo, root } = await loadDemo(process.cwd());
 * const summary = await demo.runDemo({ root, rows: 2600, onProgress: console.error });
 * ```
 */
export async function loadDemo(cwd: string): Promise<LoadedDemo> {
  const workspaceEntry = resolveWorkspace();
  const entry = workspaceEntry ?? BUNDLED;
  let loaded: Partial<DemoModule>;
  try {
    if (isTypeScriptFile(entry)) await ensureTypeScriptLoader();
    loaded = (await import(pathToFileURL(entry).href)) as Partial<DemoModule>;
  } catch (cause) {
    throw notLoadable(workspaceEntry ? DEMO_PACKAGE : entry, cause);
  }
  if (typeof loaded.runDemo !== 'function' || typeof loaded.formatDemoSummary !== 'function') {
    throw notLoadable(entry, new Error('it exports no runDemo and formatDemoSummary'));
  }
  return {
    demo: loaded as DemoModule,
    fromCheckout: workspaceEntry !== undefined,
    root: workspaceEntry ? workspaceRoot(path.dirname(workspaceEntry)) : cwd,
  };
}

function notLoadable(where: string, cause: unknown): DatakitError {
  return new DatakitError(
    'USAGE',
    `The demo (${where}) cannot be loaded: ${(cause as Error).message ?? String(cause)}`,
    {
      hint: 'In a checkout of the Datakit repository run `npm install` at its root; an installed datakit-warehouse package carries the demo in dist/demo-warehouse (reinstall it).',
      cause,
    },
  );
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
