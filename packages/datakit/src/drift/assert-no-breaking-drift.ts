import { DatakitError } from '../errors/datakit-error.js';
import { type CheckDriftInput, checkDrift, type DriftCheckResult } from './check-drift.js';
import { formatDriftReport } from './format-drift-report.js';

/**
 * Checks drift (or takes a finished check) and throws `DatakitError('DRIFT')` when any table's
 * policy says fail, before a single row moves. The message lists every blocking change; `hint`
 * is the first one's fix; `context` names its system, schema, table and column. Returns the
 * result otherwise, whose tables tell the engine to evolve (already applied with
 * `applyEvolution`) or quarantine.
 *
 * @example
 * ```ts
 * const drift = await assertNoBreakingDrift({ connection: source, tables: sourceTables });
 * const quarantined = drift.tables.filter((t) => t.outcome === 'quarantine');
 * ```
 */
export async function assertNoBreakingDrift(
  input: CheckDriftInput | DriftCheckResult,
): Promise<DriftCheckResult> {
  const result = 'ok' in input ? input : await checkDrift(input);
  if (result.ok) return result;
  const failing = result.tables.filter((t) => t.outcome === 'fail');
  const first = failing[0];
  const change = first?.blocking[0];
  const breaking = failing.reduce((n, t) => n + t.blocking.length, 0);
  const message =
    `Breaking drift in ${failing.length} table${failing.length === 1 ? '' : 's'} ` +
    `(${breaking} change${breaking === 1 ? '' : 's'}); no rows were moved.\n` +
    formatDriftReport(result, { only: 'blocking' }).trimEnd();
  const context: DatakitError['context'] = {};
  if (first) {
    context.system = first.system;
    context.table = first.report.table.name;
    if (first.report.table.schema !== undefined) context.schema = first.report.table.schema;
  }
  if (change && 'column' in change && change.column !== undefined) context.column = change.column;
  throw new DatakitError('DRIFT', message, {
    hint: change?.fix ?? 'Review the drift report, then update the contract or the database.',
    context,
  });
}
