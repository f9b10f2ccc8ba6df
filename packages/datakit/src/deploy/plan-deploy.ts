import type { DdlCompiler } from '../dialect/ddl-compiler.js';
import type { DeployPlan, DeployStep } from '../drift/deploy-step.js';
import { diffTable } from '../drift/diff-table.js';
import { planChangeSteps } from '../drift/plan-change-steps.js';
import type { TableSchema } from '../schema/table-schema.js';

/**
 * The live state deploy compares against: existing schemas and their tables.
 *
 * @example
 * ```ts
 * const live: LiveState = { schemas: ['bronze'], tables: await introspector.introspect({ schema: 'bronze' }) };
 * ```
 */
export interface LiveState {
  schemas: readonly string[];
  tables: readonly TableSchema[];
}

/**
 * A pure diff of the desired tables against the live catalog: each table is diffed as a drift
 * target ({@link diffTable}, the same classification `datakit drift` reports) and its changes
 * become steps ({@link planChangeSteps}, the same planner the evolve policy uses). Order: schemas,
 * enum types (each created once), changes of existing tables, new tables, then foreign keys. Running it on its own result gives an empty plan.
 *
 * @example
 * ```ts
 * const plan = planDeploy(desired.map((d) => d.table), { schemas, tables: live }, dialect.createDdlCompiler());
 * if (plan.destructive.length > 0 && !allowDestructive) refuse(plan.destructive);
 * ```
 */
export function planDeploy(desired: readonly TableSchema[], live: LiveState, ddl: DdlCompiler): DeployPlan {
  const schemaSteps: DeployStep[] = [];
  const schemas = new Set(live.schemas);
  for (const table of desired) {
    if (table.schema === undefined || schemas.has(table.schema)) continue;
    schemas.add(table.schema);
    schemaSteps.push({
      action: 'create-schema',
      target: table.schema,
      destructive: false,
      reason: 'the schema does not exist yet',
      statements: [ddl.createSchema(table.schema)],
      changes: [],
    });
  }
  const liveTables = new Map(live.tables.map((t) => [qualified(t), t]));
  const enumTypes = new Set<string>();
  for (const table of live.tables) {
    for (const column of table.columns) {
      if (column.type.enumName)
        enumTypes.add(qualified({ ...optionalSchema(table.schema), name: column.type.enumName }));
    }
  }
  const planned = new Map<string, DeployStep>();
  const altered: DeployStep[] = [];
  const created: DeployStep[] = [];
  const deferred: DeployStep[] = [];
  const plan: DeployPlan = { steps: [], destructive: [], changes: [], notes: [] };
  for (const table of desired) {
    const current = liveTables.get(qualified(table));
    const report = diffTable(table, current, { role: 'target' });
    const steps = planChangeSteps(report.changes, {
      contract: table,
      live: current,
      ddl,
      enumTypes,
      planned,
    });
    plan.changes.push(...report.changes);
    plan.notes.push(
      ...report.changes.filter((c) => c.classification.severity === 'safe').map((c) => c.message),
      ...steps.notes,
    );
    (current ? altered : created).push(...steps.steps);
    deferred.push(...steps.deferred);
  }
  const types = [...altered, ...created].filter((s) => s.action === 'create-enum');
  const rest = [...altered, ...created].filter((s) => s.action !== 'create-enum');
  plan.steps = [...schemaSteps, ...types, ...rest, ...deferred];
  plan.destructive = plan.steps.filter((s) => s.destructive);
  return plan;
}

function qualified(table: { schema?: string | undefined; name: string }): string {
  return table.schema === undefined ? table.name : `${table.schema}.${table.name}`;
}

function optionalSchema(schema: string | undefined): { schema?: string } {
  return schema === undefined ? {} : { schema };
}
