import type { Datakit } from '../contract/define-datakit.js';
import type { PipelineConfig, TableLayer, TaskConfig, TransferTaskConfig } from './pipeline-config.js';

type TablesOf<D> = D extends Datakit<infer T> ? T[keyof T] : never;

type LayerDatakits<W, L extends TableLayer> = W extends { layers: infer Layers }
  ? Layers extends { [K in L]?: { datakits: readonly (infer D)[] } }
    ? D
    : never
  : never;

/**
 * The Drizzle tables a layer of warehouse config `W` holds.
 *
 * @example
 * ```ts
 * type BronzeTables = LayerTables<typeof config.warehouses.demo, 'bronze'>;
 * ```
 */
export type LayerTables<W, L extends TableLayer> = TablesOf<LayerDatakits<W, L>>;

type SourceTables<W> = W extends { sources?: infer S }
  ? S extends Record<string, infer D>
    ? TablesOf<D>
    : never
  : never;

/**
 * What a task of warehouse `W` may name in `reads`/`writes`: a table of one of its layers or
 * sources, or `{ layer, table }` with a table of that layer. Anything else does not compile.
 *
 * @example
 * ```ts
 * type Ref = WarehouseTableRef<typeof config.warehouses.demo>;
 * ```
 */
export type WarehouseTableRef<W> =
  | LayerTables<W, TableLayer>
  | SourceTables<W>
  | { [L in TableLayer]: { readonly layer: L; readonly table: LayerTables<W, L> } }[TableLayer];

type TransferNames<W> = W extends { transfers?: infer T }
  ? T extends Record<string, unknown>
    ? keyof T & string
    : never
  : never;

/**
 * The typed view `defineConfig` checks a warehouse's pipelines against: every task names a
 * declared transfer and only tables of that warehouse's layers and sources.
 *
 * @example
 * ```ts
 * function defineWarehouse<const W extends WarehouseConfig>(warehouse: W & CheckPipelines<W>): W;
 * ```
 */
export type CheckPipelines<W> = W extends { pipelines?: infer Ps }
  ? { pipelines?: { [P in keyof Ps]: CheckPipeline<Ps[P], WarehouseTableRef<W>, TransferNames<W>> } }
  : unknown;

type CheckPipeline<P, Ref, Names extends string> = P extends { tasks: infer Tasks }
  ? Omit<PipelineConfig<Ref, Names>, 'tasks'> & {
      tasks: { [I in keyof Tasks]: CheckTask<Tasks[I], Ref, Names> };
    }
  : PipelineConfig<Ref, Names>;

// A task that names an undeclared transfer gets a short error that names it and lists the
// declared ones, instead of a mismatch with every kind of task (kilobytes of types).
type CheckTask<T, Ref, Names extends string> = T extends { transfer: infer N extends string }
  ? N extends Names
    ? TransferTaskConfig<Names>
    : TransferTaskConfig & { [K in `no transfer ${N} in this warehouse; its transfers are`]: Names }
  : TaskConfig<Ref, Names>;

/**
 * {@link CheckPipelines} for every warehouse of a whole config.
 *
 * @example
 * ```ts
 * function defineConfig<const C extends DatakitConfig>(config: C & CheckConfigPipelines<C>): C;
 * ```
 */
export type CheckConfigPipelines<C> = C extends { warehouses: infer Ws }
  ? { warehouses: { [K in keyof Ws]: CheckPipelines<Ws[K]> } }
  : unknown;
