import { DatakitError } from '../errors/datakit-error.js';

const REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces every `${env:NAME}` in `value` with the environment variable. A missing variable is a
 * `CONFIG` error that names the variable and where it is used — never the resolved secret.
 *
 * @example
 * ```ts
 * resolveEnvVars('${env:WAREHOUSE_URL}', 'warehouses.main.environments.prod.url');
 * ```
 */
export function resolveEnvVars(value: string, where: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(REFERENCE, (_match, name: string) => {
    const resolved = env[name];
    if (resolved === undefined || resolved === '') {
      throw new DatakitError('CONFIG', `Environment variable ${name} is not set (used by ${where})`, {
        hint: `Set it before running, e.g. export ${name}=postgres://user@host:5432/db, or add it to a .env file next to datakit.config.ts.`,
        context: { key: where },
      });
    }
    return resolved;
  });
}
