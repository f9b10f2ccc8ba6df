import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from '../dialect/connect.js';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import { generateDatakit } from './generate-datakit.js';
import type { CodegenWarning } from './render-table.js';

/**
 * What `datakit introspect <url> --out <dir>` takes.
 *
 * @example
 * ```ts
 * await introspectToDirectory({ url: 'postgres://u@h/crm', schema: 'crm', tables: ['customer'], out: 'datakits/crm' });
 * ```
 */
export interface IntrospectToDirectoryOptions {
  /** Connection URL of the database to read; ignored when `connection` is given. */
  url?: string;
  /** An open connection to read instead of `url` (it stays open). */
  connection?: Connection;
  /** PostgreSQL schema (default `public`) or MySQL database (default: the URL's). */
  schema?: string;
  /** Only these tables (default: every base table). */
  tables?: readonly string[];
  /** The folder to write `index.ts` into; created when missing. */
  out: string;
  /** The datakit's name (default: the folder's name). */
  name?: string;
  /** The contract version (default: the version in an existing `index.ts`, else `1.0.0`). */
  version?: string;
  bigint?: 'bigint' | 'number';
}

/**
 * What `introspectToDirectory` wrote.
 *
 * @example
 * ```ts
 * const { files, warnings } = await introspectToDirectory({ url, out: 'datakits/crm' });
 * ```
 */
export interface IntrospectToDirectoryResult {
  /** Absolute paths of the written files. */
  files: string[];
  /** Unmapped types and left-out foreign keys; the CLI prints them on stderr. */
  warnings: CodegenWarning[];
  /** The introspected table names, sorted. */
  tables: string[];
  /** The datakit's export name in the module, e.g. `systemD`. */
  exportName: string;
}

/**
 * Reads the live catalog and writes `<out>/index.ts`: the datakit of its tables (see
 * {@link generateDatakit}). Re-running it on an unchanged database rewrites the same bytes, and
 * keeps the version already written unless `version` is given.
 *
 * @example
 * ```ts
 * const { files, warnings } = await introspectToDirectory({
 *   url: 'mysql://reader@db.internal:3306/orders', out: 'datakits/system-d',
 * });
 * for (const w of warnings) console.error(`warning: ${w.message}`);
 * ```
 */
export async function introspectToDirectory(
  options: IntrospectToDirectoryOptions,
): Promise<IntrospectToDirectoryResult> {
  if (!options.connection && !options.url) {
    throw new DatakitError('USAGE', 'introspect needs a connection URL', {
      hint: 'datakit introspect postgres://user@host:5432/db --out datakits/<name>',
    });
  }
  const out = path.resolve(options.out);
  const file = path.join(out, 'index.ts');
  const name = options.name ?? defaultName(out);
  const version = options.version ?? existingVersion(file) ?? '1.0.0';
  const conn = options.connection ?? (await connect(options.url as string));
  try {
    const introspector = conn.dialect.createIntrospector(conn);
    const tables = await introspector.introspect({
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      ...(options.tables === undefined ? {} : { tables: options.tables }),
    });
    const where = options.schema === undefined ? conn.target : `schema "${options.schema}" of ${conn.target}`;
    const missing = (options.tables ?? []).filter((t) => !tables.some((found) => found.name === t));
    if (missing.length > 0) {
      throw new DatakitError(
        'USAGE',
        `Table${missing.length === 1 ? '' : 's'} ${missing.map((t) => `"${t}"`).join(', ')} not found in ${where}`,
        {
          hint: 'Check the names after --tables (comma-separated, case-sensitive) and --schema.',
          context: { table: missing[0] as string },
        },
      );
    }
    if (tables.length === 0) {
      throw new DatakitError('USAGE', `No tables found in ${where}`, {
        hint: 'Pass --schema with the schema (PostgreSQL) or database (MySQL) that holds the tables.',
      });
    }
    const generated = generateDatakit(tables, {
      name,
      version,
      dialect: conn.dialect.adapter.family,
      ...(options.bigint ? { bigint: options.bigint } : {}),
    });
    await mkdir(out, { recursive: true });
    await writeFile(file, generated.code);
    return {
      files: [file],
      warnings: generated.warnings,
      tables: tables.map((t) => t.name).sort(),
      exportName: generated.exportName,
    };
  } finally {
    if (!options.connection) await conn.close();
  }
}

function defaultName(out: string): string {
  const base = path
    .basename(out)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return base === '' ? 'datakit' : base;
}

function existingVersion(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  return /^\s*version: '([^']+)',$/m.exec(readFileSync(file, 'utf8'))?.[1];
}
