import type { WarehouseConfig } from '../config/define-config.js';
import type { Connection } from '../dialect/connection.js';
import type { DeployPlan, DeployStep } from '../drift/deploy-step.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { TableSchema } from '../schema/table-schema.js';
import { migrateStore, type StoreMigrationResult } from '../store/migrate-store.js';
import { DEFAULT_STORE_SCHEMA } from '../store/store-schema.js';
import { planWarehouse } from '../warehouse/plan-warehouse.js';
import { assertHistoryKeys } from './assert-history-keys.js';
import { planDeploy } from './plan-deploy.js';
import { withDeployLock } from './with-deploy-lock.js';

/**
 * What a deploy did: its plan, and whether it was applied or refused.
 *
 * @example
 * ```ts
 * const result: DeployResult = await deployWarehouse({ warehouse, connection, apply: true });
 * if (result.status === 'refused') console.error(result.plan.destructive);
 * ```
 */
export interface DeployResult {
  /** `planned` (dry run), `applied`, `unchanged` (nothing to do) or `refused` (destructive steps). */
  status: 'planned' | 'applied' | 'unchanged' | 'refused';
  /** The run store migrations applied (a deploy that is not a dry run or refused brings it up to date). */
  store?: StoreMigrationResult;
  target: string;
  plan: DeployPlan;
  durationMs: number;
}

/**
 * Options of {@link deployWarehouse}.
 *
 * @example
 * ```ts
 * await deployWarehouse({ warehouse: config.warehouses.main, connection, apply: true } satisfies DeployOptions);
 * ```
 */
export interface DeployOptions {
  warehouse: WarehouseConfig;
  connection: Connection;
  /** Apply the plan (default false: only plan). */
  apply?: boolean;
  /** Apply destructive steps too. */
  allowDestructive?: boolean;
  /** Milliseconds to wait while another deploy of the warehouse runs (default 300000; 0: forever). */
  lockTimeout?: number;
}

/**
 * Plans a warehouse's layered tables against the live database and, with `apply`, runs the plan
 * in one transaction where the database supports transactional DDL. Destructive steps refuse the
 * whole deploy unless `allowDestructive`; nothing is half-applied. A `history` table whose primary
 * key lacks `systime` is refused before the database is read ({@link assertHistoryKeys}).
 *
 * @example
 * ```ts
 * const result = await deployWarehouse({ warehouse, connection, apply: true });
 * if (result.status === 'refused') console.error(result.plan.destructive);
 * ```
 */
export async function deployWarehouse(options: DeployOptions): Promise<DeployResult> {
  const result = await deployTablesLocked(options);
  if (!options.apply || result.status === 'refused') return result;
  const supportsStore = options.connection.dialect.adapter.supportsWarehouse;
  return supportsStore
    ? { ...result, store: await migrateStore(options.connection, DEFAULT_STORE_SCHEMA) }
    : result;
}

/** Plans and applies under the deploy lock, so a concurrent deploy plans against what this one committed. */
async function deployTablesLocked(options: DeployOptions): Promise<DeployResult> {
  if (!options.apply) return deployTables(options, options.connection);
  const lock = options.lockTimeout === undefined ? {} : { timeoutMs: options.lockTimeout };
  return withDeployLock(options.connection, lock, (connection) => deployTables(options, connection));
}

async function deployTables(options: DeployOptions, connection: Connection): Promise<DeployResult> {
  const started = performance.now();
  const placed = planWarehouse({ warehouse: options.warehouse }).tables;
  assertHistoryKeys(options.warehouse, placed);
  const desired = placed.map((t) => t.contract);
  const introspector = connection.dialect.createIntrospector(connection);
  const schemas = await introspector.listSchemas();
  const wanted = [...new Set(desired.map((t) => t.schema).filter((s): s is string => s !== undefined))];
  const live: TableSchema[] = [];
  for (const schema of wanted) {
    if (!schemas.includes(schema)) continue;
    const names = desired.filter((t) => t.schema === schema).map((t) => t.name);
    live.push(...(await introspector.introspect({ schema, tables: names })));
  }
  const plan = planDeploy(desired, { schemas, tables: live }, connection.dialect.createDdlCompiler());
  const result = (status: DeployResult['status']): DeployResult => ({
    status,
    target: connection.target,
    plan,
    durationMs: Math.round(performance.now() - started),
  });
  if (plan.steps.length === 0) return result('unchanged');
  if (!options.apply) return result('planned');
  if (plan.destructive.length > 0 && !options.allowDestructive) return result('refused');
  const manual = plan.steps.filter((s) => s.statements.length === 0);
  if (manual.length > 0) {
    throw new DatakitError(
      'DEPLOY',
      `${manual.length} change(s) cannot be applied automatically: ${manual.map((s) => `${s.target} (${s.reason})`).join('; ')}`,
      {
        hint: 'Migrate these by hand, then deploy again.',
      },
    );
  }
  if (connection.dialect.adapter.supportsTransactionalDdl) {
    await connection.transaction(async (tx) => {
      for (const step of plan.steps) await runStep(tx, step);
    });
  } else {
    for (const step of plan.steps) await runStep(connection, step);
  }
  return result('applied');
}

async function runStep(conn: Connection, step: DeployStep): Promise<void> {
  for (const sql of step.statements) {
    try {
      await conn.query(sql);
    } catch (cause) {
      throw new DatakitError(
        'DEPLOY',
        `Deploy step "${step.action}" on ${step.target} failed: ${(cause as Error).message}`,
        {
          hint: 'Nothing was applied where the database supports transactional DDL; fix the cause and deploy again.',
          context: { sql, table: step.target },
          cause,
        },
      );
    }
  }
}
