import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');

/** A throwaway project folder that resolves `datakit-warehouse` and `drizzle-orm` through the repo's node_modules. */
export interface TempProject {
  dir: string;
  /** Writes a file relative to the project (folders created), returns its absolute path. */
  write(file: string, text: string): string;
  remove(): void;
}

/**
 * Creates a project folder in the OS temp directory, as a user's project would look.
 *
 * @example
 * ```ts
 * const project = createTempProject('dk-cli-');
 * project.write('datakit.config.ts', config);
 * ```
 */
export function createTempProject(prefix: string): TempProject {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return {
    dir,
    write(file, text) {
      const full = path.join(dir, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
      return full;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
