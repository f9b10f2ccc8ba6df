import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type DatakitConfig, DatakitError, parseConnectionUrl, selectEnvironment } from 'datakit-warehouse';

/** Where the demo keeps its databases. */
export interface DemoLocations {
  /** The folder that holds the embedded databases (the common parent of their directories). */
  dataDir: string;
  warehouseUrl: string;
  /** Source system → URL. */
  sourceUrls: Record<string, string>;
}

/** What happened to the data directory before the run. */
export type DataDirAction = 'created' | 'reset' | 'reused';

/**
 * The demo's URLs: the `dev` environment of the config (relative `pglite://` paths under `root`),
 * or, with `dataDir`, `pglite://<dataDir>/warehouse` and one shared `pglite://<dataDir>/sources`.
 * `systemDUrl` moves System D to another database (e.g. MariaDB).
 *
 * @example
 * ```ts
 * demoLocations(config, { root: '/repo' }).warehouseUrl; // 'pglite:///repo/.datakit/dev/warehouse'
 * ```
 */
export function demoLocations(
  config: DatakitConfig,
  options: { root: string; warehouse?: string; dataDir?: string; systemDUrl?: string },
): DemoLocations {
  const target = selectEnvironment(
    { config, root: options.root, file: path.join(options.root, 'datakit.config.ts') },
    {
      env: 'dev',
      ...(options.warehouse ? { warehouse: options.warehouse } : {}),
    },
  );
  const systems = Object.keys(target.warehouse.sources ?? {});
  let warehouseUrl: string;
  let sourceUrls: Record<string, string>;
  if (options.dataDir !== undefined) {
    const dir = path.resolve(options.dataDir);
    warehouseUrl = `pglite://${path.join(dir, 'warehouse')}`;
    sourceUrls = Object.fromEntries(systems.map((s) => [s, `pglite://${path.join(dir, 'sources')}`]));
  } else {
    warehouseUrl = target.warehouseUrl();
    sourceUrls = Object.fromEntries(systems.map((s) => [s, target.sourceUrl(s)]));
  }
  if (options.systemDUrl !== undefined) {
    parseConnectionUrl(options.systemDUrl);
    sourceUrls['system-d'] = options.systemDUrl;
  }
  const dirs = pgliteDirs({ warehouseUrl, sourceUrls });
  return {
    dataDir: options.dataDir !== undefined ? path.resolve(options.dataDir) : commonParent(dirs, options.root),
    warehouseUrl,
    sourceUrls,
  };
}

/** The distinct PGlite data directories of the demo's URLs. */
export function pgliteDirs(locations: Pick<DemoLocations, 'warehouseUrl' | 'sourceUrls'>): string[] {
  const dirs = [locations.warehouseUrl, ...Object.values(locations.sourceUrls)]
    .map((url) => parseConnectionUrl(url))
    .filter((u) => u.path !== undefined && u.path !== 'memory')
    .map((u) => path.resolve(u.path as string));
  return [...new Set(dirs)];
}

/**
 * Prepares the demo's PGlite directories: removes a previous run's databases (`reset`), or keeps
 * them (`reused`, with `keep`); `created` when there were none. Only PGlite data directories
 * (holding `PG_VERSION`) or empty folders are ever removed.
 *
 * @example
 * ```ts
 * prepareDataDirs(['/repo/.datakit/dev/warehouse', '/repo/.datakit/dev/sources'], { keep: false }); // 'reset'
 * ```
 */
export function prepareDataDirs(dirs: readonly string[], options: { keep: boolean }): DataDirAction {
  const existing = dirs.filter((dir) => existsSync(dir));
  if (existing.length === 0) return 'created';
  if (options.keep) return 'reused';
  for (const dir of existing) {
    const empty = readdirSync(dir).length === 0;
    if (!empty && !existsSync(path.join(dir, 'PG_VERSION'))) {
      throw new DatakitError('USAGE', `The demo would reset ${dir}, but it is not a PGlite data directory`, {
        hint: 'Move that folder away (the demo removes only databases it created), or point the demo elsewhere with --data-dir.',
        context: { database: dir },
      });
    }
  }
  for (const dir of existing) rmSync(dir, { recursive: true, force: true });
  return 'reset';
}

/**
 * The first line the demo prints: what it did with its data directory.
 *
 * @example
 * ```ts
 * dataDirLine('reset', '/repo/.datakit/dev'); // 'Reset the demo data in /repo/.datakit/dev: ...'
 * ```
 */
export function dataDirLine(action: DataDirAction, dir: string): string {
  if (action === 'reset')
    return `Reset the demo data in ${dir}: removed the databases of a previous run (--keep reuses them).`;
  if (action === 'reused')
    return `Reusing the demo data in ${dir} (--keep): sources are re-seeded, bronze is merged.`;
  return `Creating the demo data in ${dir}.`;
}

function commonParent(dirs: readonly string[], fallback: string): string {
  const first = dirs[0];
  if (first === undefined) return fallback;
  let parent = path.dirname(first);
  while (!dirs.every((d) => d === parent || d.startsWith(`${parent}${path.sep}`)))
    parent = path.dirname(parent);
  return parent;
}
