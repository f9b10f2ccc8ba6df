import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ensureTypeScriptLoader, isTypeScriptFile } from '../contract/typescript-loader.js';
import { DatakitError } from '../errors/datakit-error.js';
import { nearestName } from '../errors/nearest-name.js';
import { configSchema } from './config-schema.js';
import type { DatakitConfig } from './define-config.js';

const CANDIDATES = ['datakit.config.ts', 'datakit.config.mts', 'datakit.config.js', 'datakit.config.mjs'];

/**
 * A loaded, validated configuration and where it came from.
 *
 * @example
 * ```ts
 * const { config, file, root }: LoadedConfig = await loadConfig();
 * ```
 */
export interface LoadedConfig {
  config: DatakitConfig;
  /** Absolute path of the config file. */
  file: string;
  /** Its folder: relative `pglite://` paths resolve against it. */
  root: string;
}

/**
 * Finds `datakit.config.ts` (or the file given), loads a `.env` beside it, imports it and checks it.
 * A typo in a key is reported with the path and the nearest valid key.
 *
 * @example
 * ```ts
 * const { config, root } = await loadConfig({ cwd: process.cwd() });
 * ```
 */
export async function loadConfig(options: { file?: string; cwd?: string } = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const file = options.file
    ? path.resolve(cwd, options.file)
    : CANDIDATES.map((c) => path.join(cwd, c)).find(existsSync);
  if (!file || !existsSync(file)) {
    throw new DatakitError(
      'CONFIG',
      options.file ? `Config file ${options.file} does not exist` : `No datakit.config.ts in ${cwd}`,
      {
        hint: 'Run the command in the folder that holds datakit.config.ts, or pass --config <path>.',
      },
    );
  }
  const root = path.dirname(file);
  const envFile = path.join(root, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  let exported: unknown;
  try {
    if (isTypeScriptFile(file)) await ensureTypeScriptLoader();
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    exported = module.default;
  } catch (cause) {
    if (cause instanceof DatakitError) throw cause;
    throw new DatakitError(
      'CONFIG',
      `Could not load ${path.relative(cwd, file) || file}: ${(cause as Error).message}`,
      {
        hint: 'Fix the error above in the config file (or the datakits it imports).',
        cause,
      },
    );
  }
  return { config: validateConfig(exported, path.relative(cwd, file) || file), file, root };
}

/**
 * Checks a config object and returns it typed, or throws a `CONFIG` error naming the key: its
 * shape, and the source systems environments and transfers name. What needs the warehouse plan
 * (transfers' tables, pipelines' DAGs) is checked when it is planned: the CLI does it on load.
 *
 * @example
 * ```ts
 * validateConfig({ warehouses: { main: { layers: {}, enviroments: {} } } }, 'datakit.config.ts');
 * // DatakitError: datakit.config.ts: unknown key "warehouses.main.enviroments" — did you mean "environments"?
 * ```
 */
export function validateConfig(value: unknown, file = 'datakit.config.ts'): DatakitConfig {
  if (value === undefined) {
    throw new DatakitError('CONFIG', `${file} has no default export`, {
      hint: 'End the file with `export default defineConfig({ ... })`.',
    });
  }
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) throw configError(parsed.error, file);
  const config = parsed.data as DatakitConfig;
  for (const [warehouseName, warehouse] of Object.entries(config.warehouses)) {
    const systems = Object.keys(warehouse.sources ?? {});
    const unknownSystem = (name: string, key: string) => {
      if (systems.includes(name)) return;
      const near = nearestName(name, systems);
      throw new DatakitError(
        'CONFIG',
        `${file}: ${key} names source system "${name}", which warehouses.${warehouseName}.sources does not declare`,
        {
          hint: near ? `Did you mean "${near}"?` : `Declare it: sources: { '${name}': <its datakit> }.`,
          context: { key },
        },
      );
    };
    for (const [envName, env] of Object.entries(warehouse.environments)) {
      for (const system of Object.keys(env.sources ?? {})) {
        unknownSystem(system, `warehouses.${warehouseName}.environments.${envName}.sources.${system}`);
      }
    }
    const layers = Object.keys(warehouse.layers);
    for (const [name, transfer] of Object.entries(warehouse.transfers ?? {})) {
      if (!layers.includes(transfer.from))
        unknownSystem(transfer.from, `warehouses.${warehouseName}.transfers.${name}.from`);
    }
  }
  return config;
}

function configError(error: z.ZodError, file: string): DatakitError {
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0];
  if (!issue) return new DatakitError('CONFIG', `${file} is not valid`);
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path);
    const unknown = issue.keys.map((key) => {
      const full = where ? `${where}.${key}` : key;
      const near = nearestName(key, known);
      return { key, full, near, text: `unknown key "${full}"${near ? ` — did you mean "${near}"?` : ''}` };
    });
    const first = unknown[0] as (typeof unknown)[number];
    const renames = unknown.filter((u) => u.near).map((u) => `"${u.key}" to "${u.near}"`);
    return new DatakitError('CONFIG', `${file}: ${unknown.map((u) => u.text).join('; ')}`, {
      hint:
        renames.length === unknown.length
          ? `Rename ${renames.join(' and ')}.`
          : `Valid keys here: ${known.join(', ')}.`,
      context: { key: first.full },
    });
  }
  const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
  const message = missing ? 'is required but missing' : issue.message;
  return new DatakitError('CONFIG', `${file}: ${where || '(root)'} ${message}`, {
    hint: 'See the defineConfig example in the README.',
    context: { key: where },
  });
}

function knownKeys(pathToObject: readonly PropertyKey[]): string[] {
  let schema: z.core.$ZodType = configSchema;
  for (const segment of pathToObject) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) {
      const next: z.core.$ZodType | undefined = schema.shape[String(segment)];
      if (!next) return [];
      schema = next;
    } else if (schema instanceof z.ZodRecord) {
      schema = schema.valueType;
    } else if (schema instanceof z.ZodArray) {
      schema = schema.element;
    } else {
      return [];
    }
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  return schema instanceof z.ZodOptional ? unwrap(schema.unwrap()) : schema;
}
