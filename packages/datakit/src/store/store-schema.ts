import { postgresAdapter } from '../dialect/postgres/postgres-adapter.js';

/**
 * The schema that holds the run store in a warehouse, unless told otherwise.
 *
 * @example
 * ```ts
 * `select * from ${RUN_STORE_SCHEMA}.loads`; // datakit.loads
 * ```
 */
export const RUN_STORE_SCHEMA = 'datakit';

const TABLES = {
  migrations: 'migrations',
  loads: 'loads',
  rejects: 'rejects',
  cursors: 'cursors',
  runs: 'runs',
  taskRuns: 'task_runs',
  events: 'events',
  qualityResults: 'quality_results',
  checkRuns: 'check_runs',
  columnLineage: 'column_lineage',
} as const;

/**
 * The run store's schema, compiled once: its name and the quoted, schema-qualified identifier of
 * each of its tables, ready to splice into SQL (values always go in as parameters). Every store
 * operation and migration takes one, as graphile-worker's operations take its compiled options.
 *
 * @example
 * ```ts
 * const store = compileStoreSchema('datakit');
 * await conn.query(`select count(*) from ${store.runs} where "state" = $1`, ['running']);
 * ```
 */
export interface StoreSchema {
  /** The schema's name, unquoted (`datakit`). */
  readonly name: string;
  /** The schema's quoted identifier. */
  readonly schema: string;
  /** The name of each store table in the schema, unquoted (`rejects`, `task_runs`...). */
  readonly tableNames: typeof TABLES;
  readonly migrations: string;
  readonly loads: string;
  readonly rejects: string;
  readonly cursors: string;
  readonly runs: string;
  readonly taskRuns: string;
  readonly events: string;
  readonly qualityResults: string;
  readonly checkRuns: string;
  readonly columnLineage: string;
}

/**
 * Compiles the run store's schema from its name (default `datakit`).
 *
 * @example
 * ```ts
 * const store = compileStoreSchema();
 * store.loads; // the quoted datakit.loads
 * ```
 */
export function compileStoreSchema(name: string = RUN_STORE_SCHEMA): StoreSchema {
  const q = postgresAdapter.quoteIdentifier;
  const schema = q(name);
  const tables = Object.fromEntries(
    Object.entries(TABLES).map(([key, table]) => [key, `${schema}.${q(table)}`]),
  ) as { [K in keyof typeof TABLES]: string };
  return Object.freeze({ name, schema, tableNames: TABLES, ...tables });
}

/**
 * The run store every command and API uses: schema `datakit`, compiled once here and handed
 * down to each operation.
 *
 * @example
 * ```ts
 * await migrateStore(warehouse, DEFAULT_STORE_SCHEMA);
 * ```
 */
export const DEFAULT_STORE_SCHEMA: StoreSchema = compileStoreSchema(RUN_STORE_SCHEMA);
