import type { InferSelectModel, Table } from 'drizzle-orm';
import type { Datakit, WriteDisposition } from '../contract/define-datakit.js';
import type { Transform, TransformFn } from '../contract/define-transform.js';
import type { CheckConfigPipelines } from './check-pipelines.js';
import type { PipelineConfig } from './pipeline-config.js';

/**
 * The warehouse layers Datakit deploys.
 *
 * @example
 * ```ts
 * const layer: WarehouseLayer = 'bronze';
 * ```
 */
export type WarehouseLayer = 'bronze' | 'silver' | 'gold';

/**
 * Which datakits a layer holds and the schema they go to.
 *
 * @example
 * ```ts
 * const bronzeLayer: LayerConfig = { datakits: [bronze], schema: 'bronze_{system}' };
 * ```
 */
export interface LayerConfig {
  datakits: readonly Datakit[];
  /** Schema name; `{layer}` and `{system}` are replaced (default `{layer}`). */
  schema?: string;
}

/**
 * Connection URLs of one environment; values may use `${env:NAME}`.
 *
 * @example
 * ```ts
 * const prod: EnvironmentConfig = { url: '${env:WAREHOUSE_URL}', sources: { crm: '${env:CRM_URL}' } };
 * ```
 */
export interface EnvironmentConfig {
  /** The warehouse database: `postgres://…`, `pglite://<dir>` or `pglite://memory`. */
  url: string;
  /** Source system name → connection URL. */
  sources?: Record<string, string>;
}

/**
 * A column key (the TypeScript property name) of a Drizzle table.
 *
 * @example
 * ```ts
 * const cursor: ColumnKey<typeof customer> = 'updated_at';
 * ```
 */
export type ColumnKey<T extends Table> = keyof InferSelectModel<T> & string;

/**
 * The options of a declared transfer, checked against its tables: `tsc` rejects a cursor that is
 * not a column of the source, and loading the config rejects unknown keys with the nearest one.
 *
 * @example
 * ```ts
 * const options: TransferConfigOptions<typeof customer> = { cursor: 'updated_at', maxRejects: 10, partitions: 4 };
 * ```
 */
export interface TransferConfigOptions<S extends Table = Table, T extends Table = Table> {
  /** Source column for incremental extraction (default: the source datakit's `tables.X.cursor`). */
  cursor?: ColumnKey<S>;
  /** Target columns matching rows for merge/history (default: the target's primary key). */
  key?: readonly ColumnKey<T>[];
  /** Read the source over this many connections by primary-key ranges (a positive integer, at most 8). */
  partitions?: number;
  /** Rejected rows allowed: a count (0, 1, 2, ...) or a fraction of rows read (0 < x < 1). Default 0.01. */
  maxRejects?: number;
  /** Rows per fetch/INSERT on paths without COPY (a positive integer; default 1000). */
  batchSize?: number;
  /** history: close keys missing from the extract (default: true unless incremental). */
  detectDeletes?: boolean;
  /** Milliseconds to wait while another load writes the same target (default 300000; 0: forever). */
  lockTimeout?: number;
}

/** Any function, whatever its parameters (a function type's parameters are contravariant). */
type AnyFunction = (...args: never[]) => unknown;

/**
 * A declared transfer: a source system's table (or a warehouse layer's table) → a warehouse table.
 *
 * @example
 * ```ts
 * const customerTransfer: TransferConfig<typeof systemA.tables.customer, typeof bronze.tables.customer> = {
 *   from: 'system-a', source: systemA.tables.customer, target: bronze.tables.customer,
 *   transform: customerFromSystemA, options: { cursor: 'updated_at' },
 * };
 * ```
 */
export interface TransferConfig<S extends Table = Table, T extends Table = Table> {
  /** A source system (a key of the warehouse's `sources`), or a layer (`bronze`, ...) to read the warehouse. */
  from: string;
  source: S;
  target: T;
  /** The layer of the target (default: the first of bronze, silver, gold whose datakits hold it). */
  layer?: WarehouseLayer;
  /** A `defineTransform(...)` result or a plain row function (default: copy the columns both tables have). */
  transform?: Transform<S, T> | TransformFn<S, T> | { readonly fn: AnyFunction } | AnyFunction;
  /** Default: the target datakit's `writeDisposition`, else `append`. */
  disposition?: WriteDisposition;
  options?: TransferConfigOptions<S, T>;
}

/**
 * One warehouse: its layers, its source systems, its environments and its transfers.
 *
 * @example
 * ```ts
 * const main: WarehouseConfig = { layers: { bronze: { datakits: [bronze] } }, environments: { dev: { url: 'pglite://.datakit/dev' } } };
 * ```
 */
export interface WarehouseConfig {
  layers: Partial<Record<WarehouseLayer, LayerConfig>>;
  /** Source system name → the datakit that describes it. */
  sources?: Record<string, Datakit>;
  environments: Record<string, EnvironmentConfig>;
  transfers?: Record<string, TransferConfig>;
  /** Pipeline name → its DAG of tasks and schedule (`datakit run <name>`, `datakit schedule`). */
  pipelines?: Record<string, PipelineConfig>;
}

/**
 * The whole of `datakit.config.ts`.
 *
 * @example
 * ```ts
 * const config: DatakitConfig = { warehouses: { main }, defaultEnvironment: 'dev' };
 * ```
 */
export interface DatakitConfig {
  warehouses: Record<string, WarehouseConfig>;
  /** The environment used when `--env` is not given (default `dev`). */
  defaultEnvironment?: string;
}

type PositiveInteger<N> = N extends number
  ? number extends N
    ? N
    : `${N}` extends `-${string}` | `${string}.${string}` | '0'
      ? never
      : N
  : N;

type CheckedOptions<O, S extends Table, T extends Table> = TransferConfigOptions<S, T> & {
  [K in Exclude<keyof O, keyof TransferConfigOptions>]: never;
} & { partitions?: PositiveInteger<O extends { partitions?: infer P } ? P : number> };

type CheckedTransfer<X> = X extends { source: infer S extends Table; target: infer T extends Table }
  ? {
      transform?: Transform<S, T> | TransformFn<S, T>;
      options?: CheckedOptions<X extends { options?: infer O } ? NonNullable<O> : object, S, T>;
    }
  : unknown;

type CheckedWarehouse<W> = W extends { transfers?: infer R }
  ? { transfers?: { [K in keyof NonNullable<R>]: CheckedTransfer<NonNullable<R>[K]> } }
  : unknown;

/**
 * What `defineConfig` checks beyond {@link DatakitConfig}, per declared transfer: the transform
 * goes from its source table to its target table, `options.cursor` is a source column key,
 * `options.key` lists target column keys, `options.partitions` is a positive integer, and
 * `options` has no unknown key.
 *
 * @example
 * ```ts
 * type Checks = CheckedConfig<typeof config>;
 * ```
 */
export type CheckedConfig<C> = C extends { warehouses: infer W }
  ? { warehouses: { [K in keyof W]: CheckedWarehouse<W[K]> } }
  : unknown;

/**
 * Declares the warehouse(s) in `datakit.config.ts`, like `vite.config.ts`. It returns its input;
 * `tsc` checks every transfer against its tables (transform, cursor, key, partitions), and the CLI
 * validates the file when it loads it, reporting unknown keys with the nearest valid one.
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
 *       transfers: {
 *         customer: {
 *           from: 'system-a', source: systemA.tables.customer, target: bronze.tables.customer,
 *           transform: customerFromSystemA, options: { cursor: 'updated_at', maxRejects: 10 },
 *         },
 *       },
 *     },
 *   },
 * });
 * ```
 */
export function defineConfig<const C extends DatakitConfig>(
  config: C & CheckedConfig<C> & CheckConfigPipelines<C>,
): C {
  return config;
}
