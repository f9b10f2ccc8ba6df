import type { DriftChange } from './diff-table.js';

/**
 * What a deploy step does.
 *
 * @example
 * ```ts
 * const action: DeployAction = 'add-column';
 * ```
 */
export type DeployAction =
  | 'create-schema'
  | 'create-enum'
  | 'add-enum-values'
  | 'create-table'
  | 'add-column'
  | 'alter-column-type'
  | 'set-not-null'
  | 'drop-not-null'
  | 'set-default'
  | 'add-constraint'
  | 'create-index'
  | 'change-primary-key'
  | 'change-identity';

/**
 * One change of a deploy plan: the statements that make it, and whether it can lose data or fail
 * on existing rows (`destructive`: its change is classified `breaking`), which needs
 * `--allow-destructive`.
 *
 * @example
 * ```ts
 * const step: DeployStep = {
 *   action: 'add-column', target: 'bronze.customer.phone', destructive: false,
 *   reason: 'the column does not exist yet', changes: [],
 *   statements: ['alter table "bronze"."customer" add column "phone" text'],
 * };
 * ```
 */
export interface DeployStep {
  action: DeployAction;
  /** `schema`, `schema.table`, `schema.table.column`, `schema.table.index` or `schema.enum_type`. */
  target: string;
  destructive: boolean;
  reason: string;
  /** Empty when the change cannot be applied automatically (the reason says what to do). */
  statements: string[];
  /** The classified changes the step resolves (empty for a schema). */
  changes: DriftChange[];
}

/**
 * A plan: its steps in order, the destructive ones among them, every difference found (safe ones
 * included), and notes on what deploy leaves as it is.
 *
 * @example
 * ```ts
 * if (plan.destructive.length > 0) console.error(plan.destructive.map((s) => s.reason));
 * ```
 */
export interface DeployPlan {
  steps: DeployStep[];
  destructive: DeployStep[];
  /** Every difference between the contracts and the live tables, classified as a target. */
  changes: DriftChange[];
  /** Differences deploy leaves alone on purpose (a column, index or enum value the contract does not list). */
  notes: string[];
}
