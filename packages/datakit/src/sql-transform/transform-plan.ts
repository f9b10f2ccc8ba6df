import type { Column, Table } from 'drizzle-orm';
import type { ColumnSchema, TableSchema } from '../schema/table-schema.js';
import type { TableSource } from './in-layer.js';
import type { Join } from './join.js';

/**
 * How a SQL transform writes its target: `replace` (delete every row, insert the result), `append`
 * (insert), `merge` (PostgreSQL 15 `MERGE` on the business key: new keys inserted, changed rows
 * updated, unchanged rows untouched), `history` (SCD2 on the target's `systime` range, as the
 * transfer engine's `history`).
 *
 * @example
 * ```ts
 * const d: SqlDisposition = 'merge';
 * ```
 */
export type SqlDisposition = 'replace' | 'append' | 'merge' | 'history';

/**
 * One declared rule of a transform, ready to compile: the row is rejected unless `check` is true.
 *
 * @example
 * ```ts
 * const r: RulePlan = { name: 'email-format', check: sql`${customer.email} like '%@%'`, column: 'email', message: 'email has no @' };
 * ```
 * @internal
 */
export interface RulePlan {
  name: string;
  check: unknown;
  column?: string;
  message: string;
  hint?: string;
}

/**
 * A SQL transform with every name resolved to SQL names, as the compilers read it. @internal
 *
 * @example
 * ```ts
 * const sql = compileSelect(plan, writer);
 * ```
 */
export interface TransformPlan {
  name: string;
  target: TableSource;
  targetTable: Table;
  targetSchema: TableSchema;
  from: TableSource;
  joins: readonly Join[];
  /** Target columns in the select map, in target column order. */
  select: readonly { column: ColumnSchema; expr: unknown }[];
  where?: unknown;
  /** `select distinct`. */
  distinct?: boolean;
  groupBy?: readonly unknown[];
  having?: unknown;
  dedupe?: { key: readonly Column[]; latest: readonly unknown[] };
  disposition: SqlDisposition;
  /** Business key of merge/history, SQL names. */
  key: readonly string[];
  constrain: boolean;
  rules: readonly RulePlan[];
  deletes: 'ignore' | 'close';
}
