import { sql as runStore } from './migrations/0001-run-store.js';
import { sql as orchestration } from './migrations/0002-orchestration.js';

/**
 * A numbered change of the `datakit` schema. Statements are separated by `;` at a line end.
 *
 * @example
 * ```ts
 * const m: StoreMigration = { version: 3, name: 'lineage', sql: 'create table "datakit"."lineage" (...);' };
 * ```
 */
export interface StoreMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Every migration of the run store, in order; `migrateStore` applies the missing ones.
 *
 * @example
 * ```ts
 * MIGRATIONS.at(-1)?.version; // the version a current store has
 * ```
 */
export const MIGRATIONS: readonly StoreMigration[] = [
  { version: 1, name: 'run-store', sql: runStore },
  { version: 2, name: 'orchestration', sql: orchestration },
];
