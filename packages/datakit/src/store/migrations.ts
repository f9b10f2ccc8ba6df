import { sql as runStore } from './migrations/0001-run-store.js';
import { sql as orchestration } from './migrations/0002-orchestration.js';
import { sql as qualityResults } from './migrations/0003-quality-results.js';
import { sql as checksAndLineage } from './migrations/0004-checks-and-lineage.js';
import { sql as transferRuns } from './migrations/0005-transfer-runs.js';
import type { StoreSchema } from './store-schema.js';

/**
 * One run store migration: its version and name (recorded in the store's `migrations` table) and
 * its script for a given store schema.
 *
 * @example
 * ```ts
 * const m: StoreMigration = { version: 6, name: 'next', sql: (s) => `alter table ${s.runs} add column "note" text` };
 * ```
 */
export interface StoreMigration {
  version: number;
  name: string;
  sql: (store: StoreSchema) => string;
}

/**
 * The run store's migrations, in order. Each is applied once, in one transaction with the others
 * pending, and recorded in the store's `migrations` table; never edit one that has shipped, add
 * the next (`migrations/NNNN-name.ts` exporting `sql(store)`, then one line here, then
 * `npm run store:dump`).
 *
 * @example
 * ```ts
 * const latest = MIGRATIONS.at(-1)?.version; // the version a current store has
 * ```
 */
export const MIGRATIONS: readonly StoreMigration[] = [
  { version: 1, name: 'run-store', sql: runStore },
  { version: 2, name: 'orchestration', sql: orchestration },
  { version: 3, name: 'quality-results', sql: qualityResults },
  { version: 4, name: 'checks-and-lineage', sql: checksAndLineage },
  { version: 5, name: 'transfer-runs', sql: transferRuns },
];
