import type { DdlCompiler } from '../dialect/ddl-compiler.js';
import type { TableSchema } from '../schema/table-schema.js';
import type { DriftChange } from './diff-table.js';
import { planChangeSteps } from './plan-change-steps.js';

/**
 * The DDL that evolves a live target towards its contract, and the changes it resolves.
 *
 * @example
 * ```ts
 * const { ddl, resolved } = planEvolution(report.changes, contract, live, compiler);
 * ```
 */
export interface EvolutionPlan {
  ddl: string[];
  resolved: DriftChange[];
  notes: string[];
}

/** Additive changes evolve leaves to deploy: new constraints and keys can fail on rows already loaded. */
const DEPLOY_ONLY = new Set<DriftChange['kind']>([
  'unique-dropped',
  'foreign-key-dropped',
  'check-dropped',
  'primary-key-changed',
]);

/**
 * The additive part of what `datakit deploy` would do to a live target, planned by the same
 * planner: creates a missing table, adds missing columns (a NOT NULL one without a default is
 * added nullable, since the table may have rows), widens narrower columns, drops a NOT NULL the
 * contract does not have, adds missing enum values, indexes and defaults. Never drops, narrows or
 * retypes anything, and leaves constraints and keys to deploy.
 *
 * @example
 * ```ts
 * const plan = planEvolution(report.changes, contract, live, conn.dialect.createDdlCompiler());
 * for (const sql of plan.ddl) await conn.query(sql);
 * ```
 */
export function planEvolution(
  changes: readonly DriftChange[],
  contract: TableSchema,
  live: TableSchema | undefined,
  compiler: DdlCompiler,
): EvolutionPlan {
  const schema = live?.schema ?? contract.schema;
  const placed: TableSchema = { ...contract };
  if (schema === undefined) delete placed.schema;
  else placed.schema = schema;
  const wanted = changes.filter((c) => {
    if (DEPLOY_ONLY.has(c.kind)) return false;
    if (c.classification.severity === 'additive') return true;
    return c.kind === 'column-dropped' && c.classification.severity === 'breaking';
  });
  const planned = planChangeSteps(wanted, {
    contract: placed,
    live,
    ddl: compiler,
    enumTypes: new Set(
      (live?.columns ?? []).flatMap((c) =>
        c.type.enumName ? [schema === undefined ? c.type.enumName : `${schema}.${c.type.enumName}`] : [],
      ),
    ),
    relaxNotNull: true,
  });
  const steps = [...planned.steps, ...planned.deferred].filter(
    (s) => !s.destructive && s.statements.length > 0,
  );
  const resolved = new Set(steps.flatMap((s) => s.changes));
  return {
    ddl: steps.flatMap((s) => s.statements),
    resolved: changes.filter((c) => resolved.has(c)),
    notes: planned.notes,
  };
}
