import type { Table } from 'drizzle-orm';
import type { Datakit, WriteDisposition } from '../contract/define-datakit.js';
import type { CheckConfigPipelines } from '../orchestration/check-pipelines.js';
import type { PipelineConfig } from '../orchestration/pipeline-config.js';

/** The warehouse layers Datakit deploys. */
export type WarehouseLayer = 'bronze' | 'silver' | 'gold';

/** Which datakits a layer holds and the schema they go to. */
export interface LayerConfig {
  datakits: readonly Datakit[];
  /** Schema name; `{layer}` and `{system}` are replaced (default `{layer}`). */
  schema?: string;
}

/** Connection URLs of one environment; values may use `${env:NAME}`. */
export interface EnvironmentConfig {
  /** The warehouse database: `postgres://…`, `pglite://<dir>` or `pglite://memory`. */
  url: string;
  /** Source system name → connection URL. */
  sources?: Record<string, string>;
}

/** A declared transfer: source system table → warehouse table. */
export interface TransferConfig {
  /** Source system name (a key of the warehouse's `sources`). */
  from: string;
  source: Table;
  target: Table;
  /** A `defineTransform(...)` result or a plain row function. */
  transform?: unknown;
  disposition?: WriteDisposition;
  /** Further options passed to `transfer()` as-is (e.g. `batchSize`, `maxRejects`, `partitions`). */
  options?: Record<string, unknown>;
}

/** One warehouse: its layers, its source systems, its environments and its transfers. */
export interface WarehouseConfig {
  layers: Partial<Record<WarehouseLayer, LayerConfig>>;
  /** Source system name → the datakit that describes it. */
  sources?: Record<string, Datakit>;
  environments: Record<string, EnvironmentConfig>;
  transfers?: Record<string, TransferConfig>;
  /** Pipeline name → its DAG of tasks and schedule (`datakit run <name>`, `datakit schedule`). */
  pipelines?: Record<string, PipelineConfig>;
}

/** The whole of `datakit.config.ts`. */
export interface DatakitConfig {
  warehouses: Record<string, WarehouseConfig>;
  /** The environment used when `--env` is not given (default `dev`). */
  defaultEnvironment?: string;
}

/**
 * Declares the warehouse(s) in `datakit.config.ts`, like `vite.config.ts`. It returns its input;
 * the CLI validates it when it loads the file, and reports unknown keys with the nearest valid one.
 *
 * @example
 * ```ts
 * export default defineConfig({
 *   warehouses: {
 *     main: {
 *       layers: { bronze: { datakits: [bronze] } },
 *       sources: { 'system-a': systemA },
 *       environments: {
 *         dev: { url: 'pglite://.datakit/dev', sources: { 'system-a': '${env:SYSTEM_A_URL}' } },
 *         prod: { url: '${env:WAREHOUSE_PROD_URL}' },
 *       },
 *     },
 *   },
 * });
 * ```
 */
export function defineConfig<const C extends DatakitConfig>(config: C & CheckConfigPipelines<C>): C {
  return config;
}
