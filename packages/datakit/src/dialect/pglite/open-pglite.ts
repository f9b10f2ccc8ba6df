import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DatakitError } from '../../errors/datakit-error.js';
import { checkPgliteDirectory } from './check-pglite-directory.js';

/** A PGlite instance borrowed from the process-wide registry; `release` closes it after the last user. */
export interface PgliteLease {
  db: PGlite;
  release(): Promise<void>;
}

const shared = new Map<string, { db: Promise<PGlite>; refs: number }>();

/**
 * Opens PGlite: `memory` gives a fresh in-memory database; a data directory is opened once per
 * process and shared (PGlite is one single-user backend, so two instances on one directory would
 * corrupt it), closing when the last lease is released.
 *
 * @example
 * ```ts
 * const a = await openPglite('./.datakit/warehouse');
 * const b = await openPglite('.datakit/warehouse'); // same instance
 * await a.release(); await b.release(); // closed now
 * ```
 * @internal
 */
export async function openPglite(path: string): Promise<PgliteLease> {
  if (path === 'memory') {
    const db = await create(undefined, path);
    return { db, release: () => db.close() };
  }
  const key = resolve(path);
  let entry = shared.get(key);
  if (!entry) {
    entry = { db: create(key, path), refs: 0 };
    shared.set(key, entry);
    entry.db.catch(() => shared.delete(key));
  }
  entry.refs++;
  const held = entry;
  let db: PGlite;
  try {
    db = await held.db;
  } catch (err) {
    held.refs--;
    throw err;
  }
  let released = false;
  return {
    db,
    release: async () => {
      if (released) return;
      released = true;
      if (--held.refs > 0) return;
      shared.delete(key);
      await db.close();
    },
  };
}

function describe(cause: unknown): string {
  if (cause instanceof Error && cause.message) return cause.message;
  const fields = cause as { code?: unknown; errno?: unknown } | null;
  if (typeof fields?.code === 'string') return fields.code;
  if (typeof fields?.errno === 'number') return `file system error ${fields.errno}`;
  return String(cause);
}

async function create(dataDir: string | undefined, path: string): Promise<PGlite> {
  if (dataDir !== undefined) checkPgliteDirectory(dataDir);
  try {
    return dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  } catch (cause) {
    throw new DatakitError('CONNECTION', `Cannot open the PGlite database at "${path}": ${describe(cause)}`, {
      hint:
        'Check that the directory is writable, is a PGlite data directory (not a server data directory), ' +
        'and is not open in another process.',
      context: { database: path },
      cause,
    });
  }
}
