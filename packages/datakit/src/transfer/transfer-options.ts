import type { InferSelectModel, Table } from 'drizzle-orm';
import type { DriftPolicy, WriteDisposition } from '../contract/define-datakit.js';
import type { Transform, TransformFn } from '../contract/define-transform.js';
import type { Connection } from '../dialect/connection.js';
import type { DriftOutcome } from '../drift/apply-drift-policy.js';
import type { TableSchema } from '../schema/table-schema.js';
import type { StoreSchema } from '../store/store-schema.js';
import type { ZeroDates } from '../values/unreadable-value.js';
import type { TransferProgress } from './progress-reporter.js';
import type { RejectRecord } from './reject-collector.js';

/**
 * The datakit a table belongs to: named in rejects and loads, and its system in lineage.
 *
 * @example
 * ```ts
 * const systemA: DatakitInfo = { name: 'system-a', version: '1.2.0', system: 'crm' };
 * ```
 */
export interface DatakitInfo {
  name: string;
  version: string;
  system?: string;
}

/**
 * Options of {@link transfer}. `source`/`target` default to the transform's tables.
 *
 * @example
 * ```ts
 * const options: TransferOptions<typeof customer, typeof bronzeCustomer> = {
 *   from: process.env.SYSTEM_A_URL!, to: process.env.WAREHOUSE_URL!,
 *   transform: customerToBronze, disposition: 'merge', cursor: 'updated_at', maxRejects: 100,
 * };
 * ```
 */
export interface TransferOptions<S extends Table = Table, T extends Table = Table> {
  /** The source database: a connection (kept open) or a URL (opened and closed by the transfer). */
  from: Connection | string;
  /** The warehouse (PostgreSQL or PGlite): a connection or pool you own, or a URL. */
  to: Connection | string;
  source?: S;
  target?: T;
  /** The schema of the target table, when it is not the Drizzle table's own (e.g. the layer's `bronze`). */
  targetSchema?: string;
  /** The schema of the source table, when it is not the Drizzle table's own. */
  sourceSchema?: string;
  /** A `defineTransform` result or a plain function; default: copy the columns the two tables share by key. */
  transform?: Transform<S, T> | TransformFn<S, T>;
  /** append (default), replace, merge (upsert on key) or history (SCD2 on `systime`). */
  disposition?: WriteDisposition;
  /** Target keys identifying a row for merge/history (default: the target primary key without `systime`). */
  key?: readonly string[];
  /** Source column key for incremental extraction (rows with a greater value than the last load). */
  cursor?: keyof InferSelectModel<S> & string;
  /** Ignore the saved cursor once: read the whole source, then save the new cursor. */
  resetCursor?: boolean;
  /** Names the transfer in `datakit.loads` and keys its cursor (default: `system.table->schema.table`). */
  name?: string;
  /** The warehouse (config name) the load belongs to: part of the load and cursor key (default `default`). */
  warehouse?: string;
  /** The environment the load runs in: part of the load and cursor key (default `default`). */
  environment?: string;
  /** Read the source over this many connections by primary-key ranges (PostgreSQL/MySQL sources). */
  partitions?: number;
  /**
   * Rejected rows allowed: a count (0, 1, 2, ...) or a fraction of rows read (0 < x < 1). Past it
   * the load fails and the target is left unchanged. Default 0.01 (1% of rows read).
   */
  maxRejects?: number;
  /**
   * The drift check before a single row moves (default: on, both policies `fail`). `evolve` on the
   * target applies its additive DDL first; `quarantine` lets rows through and rejects each one the
   * live table would refuse. `false` skips the check.
   */
  drift?: false | TransferDriftOptions;
  /**
   * Bring the run store (schema `datakit`) up to date when it is behind (default true, under an
   * advisory lock, so concurrent first loads are safe). `false`: fail with "run datakit deploy".
   */
  migrateStore?: boolean;
  /** The run store the load, its rejects and its cursor are recorded in (default: the schema `datakit`). */
  storeSchema?: StoreSchema;
  /** How often the running load renews its lease in `datakit.loads` (default 10 s; the lease lasts 3 beats). */
  heartbeatMs?: number;
  /** Source system in lineage and loads (default: the source datakit's system, else the source database name). */
  sourceSystem?: string;
  sourceDatakit?: DatakitInfo;
  targetDatakit?: DatakitInfo;
  /** The time the load stands for: `ctx.logicalTime` and the start of new history versions (default: now). */
  logicalTime?: Date;
  loadId?: string;
  /** history: close keys missing from the extract (default: true unless incremental). */
  detectDeletes?: boolean;
  /** Draw progress on stderr (live on a TTY, one summary line otherwise). Default false. */
  progress?: boolean;
  onProgress?: (progress: TransferProgress) => void;
  /** Rows per fetch/INSERT on paths without COPY (default 1000). */
  batchSize?: number;
  /**
   * Milliseconds to wait while another load writes the same target table (default 300000, 0:
   * forever); then the load fails naming the holder. Loads of one target never overlap.
   */
  lockTimeout?: number;
  /**
   * MySQL/MariaDB zero dates (`0000-00-00`, `2020-00-15`, `0000-00-00 00:00:00`): `reject` the row
   * (default, with the value and the column) or read them as `null` (the source contract's column
   * must then be nullable).
   */
  zeroDates?: ZeroDates;
  /**
   * Stops the load when it aborts (a task's timeout, a cancelled run): checked before the load
   * starts and between batches, so even a slow transform stops within one batch; the load then
   * rolls back and fails with the signal's reason.
   */
  signal?: AbortSignal;
}

/**
 * The drift policies of a transfer's two tables, and the target as deployed.
 *
 * @example
 * ```ts
 * const drift: TransferDriftOptions = { source: 'quarantine', target: 'evolve' };
 * ```
 */
export interface TransferDriftOptions {
  /** Default `fail`. `evolve` acts as `fail` on a source (a source is never altered). */
  source?: DriftPolicy;
  /** Default `fail`. */
  target?: DriftPolicy;
  /** The target as its layer deploys it (default: the target contract in `targetSchema`). */
  targetContract?: TableSchema;
}

/**
 * Row counts of a load; `read = loaded + rejected + dropped` always holds.
 *
 * @example
 * ```ts
 * const { read, loaded, rejected, dropped } = result.rows; // read === loaded + rejected + dropped
 * ```
 */
export interface TransferCounts {
  read: number;
  /** Accepted rows written to the target (append/replace) or the stage (merge/history). */
  loaded: number;
  rejected: number;
  /** Rows the transform dropped by returning null. */
  dropped: number;
  /** merge: new keys; history: versions opened; append/replace: equals loaded. */
  inserted: number;
  /** merge: changed rows rewritten. */
  updated: number;
  /** merge/history: rows identical to the target, not rewritten. */
  unchanged: number;
  /** history: versions closed (changed or deleted keys). */
  closed: number;
}

/**
 * What a successful transfer did.
 *
 * @example
 * ```ts
 * const result = await transfer(options);
 * console.log(`${result.rows.loaded} loaded, ${result.rows.rejected} rejected at ${Math.round(result.rowsPerSecond)} rows/s`);
 * ```
 */
export interface TransferResult {
  loadId: string;
  name: string;
  warehouse: string;
  environment: string;
  status: 'succeeded';
  source: { system: string; table: string };
  /** The target as written, schema-qualified when it has one: `bronze.customer`. */
  target: string;
  disposition: WriteDisposition;
  rows: TransferCounts;
  cursor?: { column: string; from: string | null; to: string | null };
  partitions: number;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  rowsPerSecond: number;
  /** The first rejected rows (all of them are in the rejects table). */
  rejects: RejectRecord[];
  /** What the drift check decided per table (`ok`, `evolve`, `quarantine`), and the DDL evolve ran. */
  drift?: { source: DriftOutcome; target: DriftOutcome; applied: string[] };
  /** Things the load did differently than asked, e.g. history delete detection skipped because rows were rejected. */
  warnings: string[];
}
