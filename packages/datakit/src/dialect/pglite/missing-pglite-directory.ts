import { existsSync } from 'node:fs';
import { parseConnectionUrl } from '../parse-connection-url.js';

/**
 * The data directory a `pglite://<directory>` URL names when it does not exist yet, so that
 * opening it would create it; `undefined` for any other URL or an existing directory. A command
 * that promises to change nothing (`deploy --plan`) plans against `pglite://memory` instead.
 *
 * @example
 * ```ts
 * missingPgliteDirectory('pglite:///tmp/new-warehouse'); // '/tmp/new-warehouse'
 * missingPgliteDirectory('postgres://u@host/db'); // undefined
 * ```
 */
export function missingPgliteDirectory(url: string): string | undefined {
  const parsed = parseConnectionUrl(url);
  if (parsed.kind !== 'pglite' || parsed.path === undefined || parsed.path === 'memory') return undefined;
  return existsSync(parsed.path) ? undefined : parsed.path;
}
