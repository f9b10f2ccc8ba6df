import { DatakitError } from '../errors/datakit-error.js';

/**
 * What the new project's package.json pins.
 *
 * @example
 * ```ts
 * const versions: ProjectVersions = { library: { name: 'datakit-warehouse', version: '0.1.0' }, drizzle: '0.45.4' };
 * ```
 */
export interface ProjectVersions {
  /** The running library: its npm name and version. */
  library: { name: string; version: string };
  /** The drizzle-orm version the library depends on. */
  drizzle: string;
}

const DEV_DEPENDENCIES: Record<string, string> = {
  '@types/node': '^20.19.25',
  typescript: '^5.9.3',
  vitest: '^4.1.12',
};

const SCRIPTS: Record<string, string> = {
  typecheck: 'tsc --noEmit',
  test: 'vitest run',
  deploy: 'datakit deploy',
  transfer: 'datakit transfer',
  drift: 'datakit drift',
};

/**
 * The new project's package.json: a fresh one, or `existing` (e.g. the one `npm install
 * datakit-warehouse` wrote) with what is missing added and nothing it has changed: ESM (`"type":
 * "module"`), the library and `drizzle-orm` (at the versions running), TypeScript, Vitest and the scripts.
 * An existing `"type": "commonjs"` is refused: the generated code is ESM.
 *
 * @example
 * ```ts
 * projectPackageJson('my-warehouse', undefined, { library: { name: 'datakit-warehouse', version: '0.1.0' }, drizzle: '0.45.4' });
 * ```
 */
export function projectPackageJson(
  name: string,
  existing: Record<string, unknown> | undefined,
  versions: ProjectVersions,
): string {
  const json: Record<string, unknown> = existing
    ? { ...existing }
    : { name, version: '0.1.0', private: true };
  if (json.type !== undefined && json.type !== 'module') {
    throw new DatakitError(
      'USAGE',
      `package.json declares "type": ${JSON.stringify(json.type)}, but the generated code is ESM`,
      {
        hint: 'Set "type": "module" in package.json (or run init in an empty folder), then run init again.',
      },
    );
  }
  json.type = 'module';
  json.scripts = withDefaults(withoutNpmPlaceholder(json.scripts), SCRIPTS, false);
  json.dependencies = withDefaults(
    json.dependencies,
    { [versions.library.name]: `^${versions.library.version}`, 'drizzle-orm': versions.drizzle },
    true,
  );
  json.devDependencies = withDefaults(json.devDependencies, DEV_DEPENDENCIES, true);
  return `${JSON.stringify(json, null, 2)}\n`;
}

// `npm init -y` writes a test script that only fails; it is a placeholder, not the user's choice.
const NPM_PLACEHOLDER_TEST = /^echo "Error: no test specified" && exit 1$/;

function withoutNpmPlaceholder(scripts: unknown): unknown {
  if (typeof scripts !== 'object' || scripts === null) return scripts;
  const { test, ...rest } = scripts as Record<string, unknown>;
  return typeof test === 'string' && NPM_PLACEHOLDER_TEST.test(test) ? rest : scripts;
}

/** `current` plus the defaults it lacks; dependency maps sorted by name as npm writes them. */
function withDefaults(
  current: unknown,
  defaults: Record<string, string>,
  sort: boolean,
): Record<string, unknown> {
  const base = typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(defaults)) if (!Object.hasOwn(merged, key)) merged[key] = value;
  if (!sort) return merged;
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
