import { accessSync, constants, mkdirSync, readdirSync, type Stats, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatakitError } from '../../errors/datakit-error.js';

const HINT_URL =
  'Use pglite://memory, or pglite://<directory> naming a new or empty directory, or one PGlite created.';

function errorText(cause: unknown): string {
  if (cause instanceof Error && cause.message) return cause.message;
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : String(cause);
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'ENOENT') return undefined;
    if ((cause as { code?: unknown }).code === 'ENOTDIR') return undefined;
    throw unusable(
      path,
      `cannot be read (${errorText(cause)})`,
      'Check the path and its permissions.',
      cause,
    );
  }
}

function unusable(path: string, why: string, hint: string, cause?: unknown): DatakitError {
  return new DatakitError('CONNECTION', `The PGlite data directory "${path}" ${why}`, {
    hint,
    context: { database: path },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** The closest existing ancestor of `path` that is not a directory, if any (`a/file.txt` in `a/file.txt/db`). */
function fileAbove(path: string): string | undefined {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const stat = statOrUndefined(dir);
    if (stat) return stat.isDirectory() ? undefined : dir;
  }
  return undefined;
}

/**
 * Checks a PGlite data directory before PGlite touches it: a missing one is created (with its
 * parents); an existing one must be a directory PGlite may read and write (PGlite checks the
 * mode bits even for root), and either empty or a data directory (it has `PG_VERSION`). Anything
 * else is refused with the path and the fix, so a typo never turns a folder of documents into a
 * database.
 *
 * @example
 * ```ts
 * checkPgliteDirectory('.datakit/dev/warehouse'); // creates it when missing
 * ```
 * @internal
 */
export function checkPgliteDirectory(path: string): void {
  const stat = statOrUndefined(path);
  if (!stat) {
    const file = fileAbove(path);
    if (file) {
      throw unusable(path, `cannot be created: "${file}" is a file, not a directory`, HINT_URL);
    }
    try {
      mkdirSync(path, { recursive: true });
    } catch (cause) {
      throw unusable(
        path,
        `cannot be created (${errorText(cause)})`,
        'Check that its parent directory is writable, or choose another path.',
        cause,
      );
    }
    return;
  }
  if (!stat.isDirectory()) throw unusable(path, 'is a file, not a directory', HINT_URL);
  const mode = stat.mode & 0o777;
  let accessible = (mode & 0o444) !== 0 && (mode & 0o222) !== 0 && (mode & 0o111) !== 0;
  try {
    accessSync(path, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch {
    accessible = false;
  }
  if (!accessible) {
    throw unusable(
      path,
      `is not readable and writable (mode ${mode.toString(8).padStart(3, '0')})`,
      `Give the user running datakit access (chmod u+rwx "${path}"), or choose another directory.`,
    );
  }
  const entries = readdirSync(path).filter((name) => !name.startsWith('.'));
  if (entries.length === 0 || entries.includes('PG_VERSION')) return;
  const shown =
    entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, … (${entries.length} entries)` : '');
  throw unusable(
    path,
    `is not a PGlite data directory (no PG_VERSION) and not empty: it holds ${shown}`,
    `${HINT_URL} Nothing was written to it.`,
  );
}
