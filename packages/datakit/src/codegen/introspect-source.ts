import path from 'node:path';
import { parseConnectionUrl } from '../dialect/parse-connection-url.js';
import { type IntrospectToDirectoryResult, introspectToDirectory } from './introspect-to-directory.js';

/**
 * Whether `source` is a connection URL rather than a module path.
 *
 * @example
 * ```ts
 * isConnectionUrl('mysql://root@127.0.0.1:3306/erp'); // true
 * isConnectionUrl('datakits/erp/index.ts'); // false
 * ```
 */
export function isConnectionUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
}

/**
 * The source system name a URL suggests: the PostgreSQL schema when one other than `public` is
 * read, else the database (or PGlite directory) name, as a package-style name.
 *
 * @example
 * ```ts
 * systemNameOf('mysql://root@db:3306/Order_Mgmt'); // 'order-mgmt'
 * systemNameOf('postgres://u@h/erp', 'sales'); // 'sales'
 * ```
 */
export function systemNameOf(url: string, schema?: string): string {
  const parsed = parseConnectionUrl(url);
  const base =
    schema !== undefined && schema !== 'public'
      ? schema
      : parsed.path !== undefined
        ? path.basename(parsed.path)
        : (parsed.database ?? parsed.kind);
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (name === '') return 'source';
  // System names are config keys, which start with a letter.
  return /^[a-z]/.test(name) ? name : `db-${name}`;
}

/**
 * Introspects a source database into `<out>/index.ts` (see `datakit introspect`) and returns the
 * module to generate bronze from.
 *
 * @example
 * ```ts
 * const { files } = await introspectSource('mysql://root@127.0.0.1:3306/erp', { out: 'datakits/erp', name: 'erp' });
 * ```
 */
export async function introspectSource(
  url: string,
  options: { out: string; name: string; schema?: string },
): Promise<IntrospectToDirectoryResult> {
  return introspectToDirectory({
    url,
    out: options.out,
    name: options.name,
    ...(options.schema !== undefined ? { schema: options.schema } : {}),
  });
}
