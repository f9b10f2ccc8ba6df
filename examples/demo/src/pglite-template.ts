import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { connect } from 'datakit-warehouse';

/** How the missing PGlite directories were made. */
export type TemplateUse = 'none-missing' | 'copied' | 'initialised';

/**
 * Creates missing PGlite data directories by copying an empty, initialised cluster kept in
 * `cacheDir` (made once with PGlite's initdb). Initialising a PGlite directory costs ~5-10 s of
 * CPU and ~700 MB per instance; copying one and opening it costs ~1 s and far less memory.
 * The cache is keyed by the PGlite version, so an upgrade initialises a new one.
 *
 * @example
 * ```ts
 * await createPgliteDirs(['/repo/.datakit/dev/warehouse', '/repo/.datakit/dev/sources'], '/repo/.datakit/cache');
 * ```
 */
export async function createPgliteDirs(
  dirs: readonly string[],
  cacheDir: string,
  onInitialise?: (template: string) => void,
): Promise<TemplateUse> {
  const missing = dirs.filter((dir) => !existsSync(path.join(dir, 'PG_VERSION')));
  if (missing.length === 0) return 'none-missing';
  const template = path.join(cacheDir, `pglite-${pgliteVersion()}-empty`);
  let use: TemplateUse = 'copied';
  if (!existsSync(path.join(template, 'PG_VERSION'))) {
    onInitialise?.(template);
    const building = `${template}.${process.pid}.tmp`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(cacheDir, { recursive: true });
    const conn = await connect(`pglite://${building}`);
    await conn.close();
    rmSync(template, { recursive: true, force: true });
    renameSync(building, template);
    use = 'initialised';
  }
  for (const dir of missing) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.dirname(dir), { recursive: true });
    cpSync(template, dir, { recursive: true });
  }
  return use;
}

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  for (
    let dir = path.dirname(require.resolve('@electric-sql/pglite'));
    path.dirname(dir) !== dir;
    dir = path.dirname(dir)
  ) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (json.name === '@electric-sql/pglite' && json.version) return json.version;
  }
  return 'unknown';
}
