import { readFileSync } from 'node:fs';

/**
 * The npm name (`datakit-warehouse`) and version of the installed library.
 *
 * @example
 * ```ts
 * const { version }: PackageInfo = packageInfo();
 * ```
 */
export interface PackageInfo {
  name: string;
  version: string;
  /** Its dependencies and their versions (e.g. `drizzle-orm`). */
  dependencies: Record<string, string>;
}

let cached: PackageInfo | undefined;

/**
 * Reads the library's own package.json (the same path from `src` and `dist`), so `--version`,
 * `datakit init` and generated code name the package and version that are running.
 *
 * @example
 * ```ts
 * packageInfo().version; // '0.1.0'
 * ```
 */
export function packageInfo(): PackageInfo {
  if (!cached) {
    const json = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as Partial<PackageInfo>;
    cached = {
      name: json.name ?? 'datakit-warehouse',
      version: json.version ?? '0.0.0',
      dependencies: json.dependencies ?? {},
    };
  }
  return cached;
}
