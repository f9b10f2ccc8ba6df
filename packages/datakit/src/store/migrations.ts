import { sql as runStore } from './migrations/0001-run-store.js';
import { sql as orchestration } from './migrations/0002-orchestration.js';
import { sql as qualityResults } from './migrations/0003-quality-results.js';
import { sql as checksAndLineage } from './migrations/0004-checks-and-lineage.js';
import { sql as transferRuns } from './migrations/0005-transfer-runs.js';

/**
 * The run store's migrations, in order. Each is applied once, in one transaction with the others
 * pending, and recorded in `datakit.migrations`; never edit one that has shipped, add the next
 * (`migrations/NNNN-name.ts` exporting `sql`, then one line here).
 *
 * @example
 * ```ts
 * const latest = MIGRATIONS.at(-1)?.version; // the version a current store has
 * ```
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'run-store', sql: runStore },
  { version: 2, name: 'orchestration', sql: orchestration },
  { version: 3, name: 'quality-results', sql: qualityResults },
  { version: 4, name: 'checks-and-lineage', sql: checksAndLineage },
  { version: 5, name: 'transfer-runs', sql: transferRuns },
];
