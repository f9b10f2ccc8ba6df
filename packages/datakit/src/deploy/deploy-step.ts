/**
 * What a deploy step does.
 *
 * @example
 * ```ts
 * const action: DeployAction = 'create-table';
 * ```
 */
export type DeployAction =
  | 'create-schema'
  | 'create-enum'
  | 'add-enum-values'
  | 'create-table'
  | 'add-column'
  | 'drop-column'
  | 'alter-column-type'
  | 'set-not-null'
  | 'drop-not-null'
  | 'add-constraint'
  | 'create-index'
  | 'drop-index'
  | 'change-primary-key';

/**
 * One change of a deploy plan: the statements that make it, and whether it can lose data or fail
 * on existing rows (`destructive`), which needs `--allow-destructive`.
 *
 * @example
 * ```ts
 * const step: DeployStep = {
 *   action: 'add-column', target: 'bronze.customer.phone', destructive: false,
 *   reason: 'new nullable column', statements: ['alter table "bronze"."customer" add column "phone" text'],
 * };
 * ```
 */
export interface DeployStep {
  action: DeployAction;
  /** `schema`, `schema.table` or `schema.table.column`. */
  target: string;
  destructive: boolean;
  reason: string;
  /** Empty when the change cannot be applied automatically (the reason says what to do). */
  statements: string[];
}

/**
 * A plan: its steps in order, the destructive ones among them, and notes that change nothing.
 *
 * @example
 * ```ts
 * const plan: DeployPlan = planDeploy(desired, live, conn.dialect.createDdlCompiler());
 * plan.destructive.length; // 0 when everything is additive
 * ```
 */
export interface DeployPlan {
  steps: DeployStep[];
  destructive: DeployStep[];
  /** Differences deploy leaves alone on purpose (e.g. enum values the contract no longer lists). */
  notes: string[];
}
