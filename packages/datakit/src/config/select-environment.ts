import path from 'node:path';
import { dialectFor } from '../dialect/connect.js';
import { parseConnectionUrl } from '../dialect/parse-connection-url.js';
import { DatakitError } from '../errors/datakit-error.js';
import { nearestName } from '../errors/nearest-name.js';
import type { EnvironmentConfig, WarehouseConfig } from './define-config.js';
import type { LoadedConfig } from './load-config.js';
import { resolveEnvVars } from './resolve-env-vars.js';

/**
 * One warehouse in one environment, with its URLs resolved on demand.
 *
 * @example
 * ```ts
 * const target: SelectedEnvironment = selectEnvironment(await loadConfig(), { env: 'prod' });
 * await connect(target.warehouseUrl());
 * ```
 */
export interface SelectedEnvironment {
  warehouseName: string;
  warehouse: WarehouseConfig;
  envName: string;
  environment: EnvironmentConfig;
  /** The warehouse URL with `${env:…}` resolved and relative `pglite://` paths made absolute. */
  warehouseUrl(): string;
  /** The URL of a source system in this environment. */
  sourceUrl(system: string): string;
}

/**
 * Picks a warehouse (the only one, or `--warehouse`) and an environment (`--env`, else the
 * config's `defaultEnvironment`, else `dev`). Environment variables are read only when a URL is
 * asked for, so `--env dev` never needs prod's secrets.
 *
 * @example
 * ```ts
 * const target = selectEnvironment(await loadConfig(), { env: 'dev' });
 * const conn = await connect(target.warehouseUrl());
 * ```
 */
export function selectEnvironment(
  loaded: LoadedConfig,
  options: { warehouse?: string; env?: string } = {},
): SelectedEnvironment {
  const { config, root } = loaded;
  const names = Object.keys(config.warehouses);
  const warehouseName = options.warehouse ?? (names.length === 1 ? names[0] : undefined);
  if (!warehouseName) {
    throw new DatakitError('USAGE', `The config declares several warehouses (${names.join(', ')})`, {
      hint: 'Choose one with --warehouse <name>.',
    });
  }
  const warehouse = config.warehouses[warehouseName];
  if (!warehouse) {
    const near = nearestName(warehouseName, names);
    throw new DatakitError('USAGE', `No warehouse "${warehouseName}" in the config`, {
      hint: near ? `Did you mean "${near}"?` : `Warehouses: ${names.join(', ')}.`,
    });
  }
  const envName = options.env ?? config.defaultEnvironment ?? 'dev';
  const environment = warehouse.environments[envName];
  if (!environment) {
    const envs = Object.keys(warehouse.environments);
    const near = nearestName(envName, envs);
    throw new DatakitError('USAGE', `Warehouse "${warehouseName}" has no environment "${envName}"`, {
      hint: near ? `Did you mean --env ${near}?` : `Environments: ${envs.join(', ')}.`,
    });
  }
  const base = `warehouses.${warehouseName}.environments.${envName}`;
  return {
    warehouseName,
    warehouse,
    envName,
    environment,
    warehouseUrl: () =>
      warehouseUrlOf(absolutePglite(resolveEnvVars(environment.url, `${base}.url`), root), `${base}.url`),
    sourceUrl: (system) => {
      const url = environment.sources?.[system];
      if (url === undefined) {
        throw new DatakitError(
          'CONFIG',
          `Environment "${envName}" has no URL for source system "${system}"`,
          {
            hint: `Add it: ${base}.sources: { '${system}': '\${env:${system.toUpperCase().replace(/-/g, '_')}_URL}' }.`,
            context: { system, key: `${base}.sources` },
          },
        );
      }
      return absolutePglite(resolveEnvVars(url, `${base}.sources.${system}`), root);
    },
  };
}

/** The warehouse holds the layers and the run store: it must speak PostgreSQL (a server or PGlite). */
function warehouseUrlOf(url: string, key: string): string {
  const parsed = parseConnectionUrl(url);
  if (!dialectFor(parsed.kind).adapter.supportsWarehouse) {
    throw new DatakitError(
      'CONFIG',
      `The warehouse must be PostgreSQL or PGlite, but ${key} is ${parsed.redacted}`,
      {
        hint: 'Use a postgres:// or pglite:// URL for the warehouse; MySQL/MariaDB can only be a source system.',
        context: { key },
      },
    );
  }
  return url;
}

function absolutePglite(url: string, root: string): string {
  if (!url.startsWith('pglite://')) return url;
  const rest = url.slice('pglite://'.length);
  if (rest === '' || rest === 'memory' || rest === ':memory:' || path.isAbsolute(rest)) return url;
  return `pglite://${path.resolve(root, rest)}`;
}
