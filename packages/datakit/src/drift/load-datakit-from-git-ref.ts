import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DatakitError } from '../errors/datakit-error.js';
import type { DatakitSnapshot } from './compare-datakits.js';
import { loadDatakitModule, type PickDatakitOptions } from './load-datakit-module.js';

const run = promisify(execFile);

/**
 * Options of {@link loadDatakitFromGitRef}.
 *
 * @example
 * ```ts
 * await loadDatakitFromGitRef('origin/main', 'index.ts', { cwd: 'datakits/crm', exportName: 'crm' });
 * ```
 */
export interface GitRefOptions extends PickDatakitOptions {
  /** A directory inside the repository (default: the process's working directory). */
  cwd?: string;
}

/**
 * Materialises a datakit module as it was at a git ref and snapshots it. The ref's tree is
 * extracted with `git archive` into a temporary directory (read-only for the repository: no
 * worktree, no checkout), the working tree's `node_modules` folders are linked in so `datakit-warehouse` and
 * `drizzle-orm` resolve, and the module is imported through tsx. A bare version such as `1.2.0`
 * also tries the tag `v1.2.0`.
 *
 * @example
 * ```ts
 * const older = await loadDatakitFromGitRef('origin/main', 'datakits/system-a/index.ts');
 * const result = compareDatakits(older, snapshotDatakit(systemA));
 * ```
 */
export async function loadDatakitFromGitRef(
  ref: string,
  modulePath: string,
  options: GitRefOptions = {},
): Promise<DatakitSnapshot> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const root = await git(cwd, ['rev-parse', '--show-toplevel']).catch((cause: unknown) => {
    throw new DatakitError('USAGE', `"${cwd}" is not inside a git repository, so "${ref}" cannot be read`, {
      hint: 'Run the command inside the repository, or pass --against a path to the older datakit module.',
      cause,
    });
  });
  const commit = await resolveCommit(cwd, ref);
  const relative = path.relative(root, path.resolve(cwd, modulePath)).split(path.sep).join('/');
  if (relative.startsWith('../')) {
    throw new DatakitError('USAGE', `Datakit module "${modulePath}" is outside the repository at ${root}`, {
      hint: 'Give a module path inside the repository.',
    });
  }
  try {
    await git(cwd, ['cat-file', '-e', `${commit}:${relative}`]);
  } catch (cause) {
    throw new DatakitError('USAGE', `Datakit module "${relative}" does not exist at ${ref}`, {
      hint: 'Check the ref and the module path; a datakit that is new since that ref has nothing to break.',
      cause,
    });
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datakit-breaking-'));
  try {
    const tar = path.join(dir, '.tree.tar');
    const tree = path.join(dir, 'tree');
    await mkdir(tree);
    await git(cwd, ['archive', '--format=tar', `--output=${tar}`, commit]);
    await run('tar', ['-xf', tar, '-C', tree]);
    await linkNodeModules(root, tree, path.posix.dirname(relative));
    return await loadDatakitModule(path.join(tree, relative), options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function resolveCommit(cwd: string, ref: string): Promise<string> {
  const candidates = /^\d+\.\d+\.\d+/.test(ref) ? [ref, `v${ref}`] : [ref];
  for (const candidate of candidates) {
    try {
      return await git(cwd, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
    } catch {
      // try the next spelling
    }
  }
  throw new DatakitError('USAGE', `"${ref}" is not a git ref (branch, tag or commit) in this repository`, {
    hint: 'Use a branch (origin/main), a tag (v1.2.0), a commit, or a path to the older datakit module.',
  });
}

/** Links every `node_modules` on the way from the repository root to the module's folder. */
async function linkNodeModules(root: string, tree: string, moduleDir: string): Promise<void> {
  const parts = moduleDir === '.' ? [] : moduleDir.split('/');
  for (let depth = 0; depth <= parts.length; depth++) {
    const sub = parts.slice(0, depth);
    const source = path.join(root, ...sub, 'node_modules');
    const target = path.join(tree, ...sub, 'node_modules');
    if (existsSync(source) && !existsSync(target)) {
      await mkdir(path.dirname(target), { recursive: true });
      await symlink(source, target, process.platform === 'win32' ? 'junction' : 'dir');
    }
  }
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}
