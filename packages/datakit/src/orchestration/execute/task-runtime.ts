import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../../store/store-schema.js';
import type { CompiledPipeline } from '../dag/compiled-pipeline.js';
import type { TransferHooks } from '../tasks/transfer-hooks.js';
import type { ConnectionEndpoints } from './attempt-connections.js';
import type { ReadyTask } from './executor.js';
import type { RunProgressEvent } from './run-events.js';

/**
 * What a worker needs to run attempts: the run store, who it is (lease owner), the pipelines it
 * can run, and where tasks connect.
 *
 * @example
 * ```ts
 * const runtime: TaskRuntime = { store, storeSchema: DEFAULT_STORE_SCHEMA, owner: 'host:123:ab12', leaseMs: 30_000, pipelineOf: () => nightly, endpoints };
 * ```
 */
export interface TaskRuntime {
  store: Connection;
  /** The run store's compiled schema, handed to every store operation. */
  storeSchema: StoreSchema;
  owner: string;
  leaseMs: number;
  pipelineOf(task: ReadyTask): CompiledPipeline;
  endpoints: ConnectionEndpoints;
  onEvent?: (event: RunProgressEvent) => void;
  /** How long an aborted task may take to end before its attempt is recorded anyway (default 5 s). */
  abortGraceMs?: number;
  /** How this process's transfer tasks run and report (`datakit transfer`). */
  transfers?: TransferHooks;
}
