import type { DriftPolicy } from '../contract/define-datakit.js';
import type { DdlCompiler } from '../dialect/ddl-compiler.js';
import type { TableSchema } from '../schema/table-schema.js';
import type { DriftChange, DriftReport } from './diff-table.js';
import { planEvolution } from './plan-evolution.js';

/**
 * What a run does with a table after its drift policy: `ok` moves rows, `evolve` applies `ddl`
 * first, `quarantine` moves rows but validates each against the live table and sends misfits to
 * the rejects table, `fail` moves nothing.
 *
 * @example
 * ```ts
 * if (decision.outcome === 'fail') throw new Error('drift');
 * ```
 */
export type DriftOutcome = 'ok' | 'evolve' | 'quarantine' | 'fail';

/**
 * The decision of a drift policy over one table's report.
 *
 * @example
 * ```ts
 * const decision = applyDriftPolicy(report, 'evolve', { contract, live, compiler: conn.dialect.createDdlCompiler() });
 * if (decision.outcome === 'evolve') for (const sql of decision.ddl) await conn.query(sql);
 * ```
 */
export interface DriftDecision {
  policy: DriftPolicy;
  outcome: DriftOutcome;
  /** Breaking changes the policy does not handle: they stop the run. */
  blocking: DriftChange[];
  /** Breaking changes the evolve DDL resolves. */
  resolved: DriftChange[];
  /** Changes the policy sets aside (`ignore-new-columns`). */
  ignored: DriftChange[];
  /** Additive DDL for the target (`evolve`), in order. */
  ddl: string[];
  notes: string[];
}

/** Breaking changes quarantine cannot handle per row: the statement itself would fail. */
const STRUCTURAL = new Set<DriftChange['kind']>([
  'table-missing',
  'column-dropped',
  'column-added',
  'primary-key-changed',
]);

/**
 * Applies a table's drift policy to its report. `fail` (the default) stops on any breaking change;
 * `evolve` plans additive DDL for a target and stops only on what it cannot resolve (a source is
 * never altered: evolve acts as fail there); `ignore-new-columns` sets aside columns the contract
 * does not have; `quarantine` lets rows through to per-row validation unless the table, a column
 * or the primary key itself is wrong.
 *
 * @example
 * ```ts
 * applyDriftPolicy(diffTable(contract, live, { role: 'target' }), 'fail').outcome; // 'fail' | 'ok'
 * ```
 */
export function applyDriftPolicy(
  report: DriftReport,
  policy: DriftPolicy = 'fail',
  evolve?: { contract: TableSchema; live: TableSchema | undefined; compiler: DdlCompiler },
): DriftDecision {
  const breaking = report.changes.filter((c) => c.severity === 'breaking');
  const decision: DriftDecision = {
    policy,
    outcome: 'ok',
    blocking: breaking,
    resolved: [],
    ignored: [],
    ddl: [],
    notes: [],
  };
  switch (policy) {
    case 'fail':
      break;
    case 'ignore-new-columns':
      decision.ignored = report.changes.filter((c) => c.kind === 'column-added' && c.severity !== 'breaking');
      break;
    case 'evolve': {
      if (report.role === 'source') {
        decision.notes.push(
          'evolve applies to targets only; a source is never altered, so breaking drift fails',
        );
        break;
      }
      if (!evolve) {
        decision.notes.push(
          'evolve needs the contract, the live table and a DDL compiler; none given, so breaking drift fails',
        );
        break;
      }
      const plan = planEvolution(report.changes, evolve.contract, evolve.live, evolve.compiler);
      decision.ddl = plan.ddl;
      decision.resolved = plan.resolved;
      decision.notes.push(...plan.notes);
      decision.blocking = breaking.filter((c) => !plan.resolved.includes(c));
      break;
    }
    case 'quarantine':
      decision.blocking = breaking.filter((c) => STRUCTURAL.has(c.kind));
      break;
  }
  if (decision.blocking.length > 0) decision.outcome = 'fail';
  else if (decision.ddl.length > 0) decision.outcome = 'evolve';
  else if (policy === 'quarantine' && breaking.length > 0) decision.outcome = 'quarantine';
  return decision;
}
