import type { DriftCheckResult, TableDriftResult } from './check-drift.js';
import { quoteTable } from './describe-change.js';
import type { DriftChange } from './diff-table.js';

/**
 * Human text for a drift check: per table, the system, role, table and outcome, then every change
 * with its severity, what the contract says, what the database has and the likely fix. Tables
 * without drift are summed up in one line.
 *
 * @example
 * ```ts
 * const result = await checkDrift({ tables, connection });
 * process.stderr.write(formatDriftReport(result));
 * // FAIL system-a source "public"."customer" (policy fail): 1 breaking
 * //   breaking  Column "public"."customer"."email": missing from the database. The contract says ...
 * //             fix: add a transform for the renamed column ("email_address" → "email"), or ...
 * ```
 */
export function formatDriftReport(result: DriftCheckResult, options: { only?: 'blocking' } = {}): string {
  const lines: string[] = [];
  const clean = result.tables.filter((t) => t.report.changes.length === 0 && t.outcome === 'ok');
  const drifted = result.tables.filter((t) => !clean.includes(t));
  const shown = options.only === 'blocking' ? drifted.filter((t) => t.outcome === 'fail') : drifted;
  for (const table of shown) lines.push(...formatTable(table, options));
  if (clean.length > 0 && options.only !== 'blocking') {
    lines.push(
      `ok   ${clean.length} table${clean.length === 1 ? '' : 's'} without drift: ${clean.map(label).join(', ')}`,
    );
  }
  const failing = result.tables.filter((t) => t.outcome === 'fail').length;
  lines.push(
    failing === 0
      ? `Drift check passed for ${result.tables.length} table${result.tables.length === 1 ? '' : 's'}.`
      : `Drift check failed: ${failing} of ${result.tables.length} table${result.tables.length === 1 ? '' : 's'} would stop a run.`,
  );
  return `${lines.join('\n')}\n`;
}

function formatTable(table: TableDriftResult, options: { only?: 'blocking' }): string[] {
  const counts = (['breaking', 'safe', 'info'] as const)
    .map(
      (severity) => [severity, table.report.changes.filter((c) => c.severity === severity).length] as const,
    )
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}`);
  const lines = [
    `${table.outcome.toUpperCase().padEnd(4)} ${table.system} ${table.role} ${quoteTable(table.report.table)} ` +
      `(policy ${table.policy}): ${counts.join(', ')}`,
  ];
  const changes = options.only === 'blocking' ? table.blocking : table.report.changes;
  for (const change of changes) lines.push(...formatChange(change, table));
  for (const sql of table.ddl)
    lines.push(`  ${table.applied.includes(sql) ? 'applied' : 'evolve'}    ${sql.replace(/\s+/g, ' ')}`);
  for (const note of table.notes) lines.push(`  note      ${note}`);
  return lines;
}

function formatChange(change: DriftChange, table: TableDriftResult): string[] {
  const tag = table.ignored.includes(change)
    ? 'ignored'
    : table.resolved.includes(change)
      ? 'evolves'
      : change.severity;
  const lines = [`  ${tag.padEnd(9)} ${change.message}`];
  if (change.fix && !table.resolved.includes(change)) lines.push(`            fix: ${change.fix}`);
  return lines;
}

function label(table: TableDriftResult): string {
  return `${table.system}.${table.report.table.name}`;
}
