import { statSync } from 'node:fs';
import path from 'node:path';
import { type ContractComparison, compareDatakits, type DatakitSnapshot } from './compare-datakits.js';
import { loadDatakitFromGitRef } from './load-datakit-from-git-ref.js';
import { loadDatakitModule, type PickDatakitOptions } from './load-datakit-module.js';

/**
 * What `datakit breaking` needs.
 *
 * @example
 * ```ts
 * const input: CheckBreakingInput = { modulePath: 'datakits/crm/index.ts', against: 'v1.2.0' };
 * ```
 */
export interface CheckBreakingInput extends PickDatakitOptions {
  /** The current datakit module, e.g. `datakits/system-a/index.ts`. */
  modulePath: string;
  /** A git ref (branch, tag, commit, or a version whose tag is `v<version>`), or a path to the older module or its folder. */
  against: string;
  /** Where relative paths and git run (default: the working directory). */
  cwd?: string;
}

/**
 * Loads the current datakit and its older version, and compares them. The CLI prints
 * {@link formatContractComparison} and exits non-zero when `sufficient` is false.
 *
 * @example
 * ```ts
 * const result = await checkBreaking({ modulePath: 'datakits/system-a/index.ts', against: 'origin/main' });
 * process.exitCode = result.sufficient ? 0 : 1;
 * ```
 */
export async function checkBreaking(input: CheckBreakingInput): Promise<ContractComparison> {
  const cwd = path.resolve(input.cwd ?? process.cwd());
  const pick = input.exportName === undefined ? {} : { exportName: input.exportName };
  const newer = await loadDatakitModule(path.resolve(cwd, input.modulePath), pick);
  const older = await loadOlderDatakit(input.against, input.modulePath, {
    cwd,
    ...pick,
    ...(newer.name === undefined ? {} : { name: newer.name }),
  });
  const source = olderPath(input.against, cwd) ? input.modulePath : 'working tree';
  return compareDatakits(older, { ...newer, source });
}

/**
 * The older datakit from a path (a module, or a folder with `index.ts`) or, when no such path
 * exists, from a git ref; its `source` is `against` as given.
 *
 * @example
 * ```ts
 * await loadOlderDatakit('v1.2.0', 'datakits/system-a/index.ts');
 * await loadOlderDatakit('../released/system-a/index.ts', 'datakits/system-a/index.ts');
 * ```
 */
export async function loadOlderDatakit(
  against: string,
  modulePath: string,
  options: PickDatakitOptions & { cwd?: string } = {},
): Promise<DatakitSnapshot> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const { cwd: _cwd, ...pick } = options;
  const file = olderPath(against, cwd);
  const older = file
    ? await loadDatakitModule(file, pick)
    : await loadDatakitFromGitRef(against, modulePath, { ...pick, cwd });
  return { ...older, source: against };
}

/** The module `against` names when it is a path (a file, or a folder's `index.ts`), else undefined (a git ref). */
function olderPath(against: string, cwd: string): string | undefined {
  const candidate = path.resolve(cwd, against);
  const stat = statSync(candidate, { throwIfNoEntry: false });
  if (stat?.isFile()) return candidate;
  if (stat?.isDirectory()) return path.join(candidate, 'index.ts');
  return undefined;
}
