import { formatDuration, formatTable, formatTransferTable, formatNumber as n } from 'datakit-warehouse';
import type { CustomerHistory, DemoRunSummary } from './demo-run-summary.js';

const KIND_LABELS = { sql: 'SQL transform', dimension: 'dimension', custom: 'custom' } as const;

/**
 * One run of the demo as terminal text: the transfers into bronze, the silver and gold tasks,
 * the quality checks (counts by status, and each check that did not pass), the rows of every
 * layer, the customer dimension's history and the rejected rows by reason.
 *
 * @example
 * ```ts
 * io.out(formatDemoRun(summary).join('\n'));
 * ```
 */
export function formatDemoRun(run: DemoRunSummary): string[] {
  const out: string[] = [
    `Pipeline "${run.run.pipeline}" run ${run.run.id} (logical time ${run.logicalTime}): ${run.run.state} (recorded in ${run.run.store}; the tables below are read from it):`,
    ...formatTransferTable({ transfers: run.transfers, totals: run.totals }),
    '',
  ];
  if (run.layers.length > 0) {
    const rows = run.layers.map((l) => [
      l.task,
      KIND_LABELS[l.kind],
      n(l.rows.read),
      n(l.rows.loaded),
      n(l.rows.rejected),
      formatDuration(l.durationMs),
    ]);
    out.push(formatTable(['task', 'kind', 'read', 'written', 'rejected', 'time'], rows), '');
  }
  if (run.checks.length > 0) {
    const count = (status: string) => run.checks.filter((c) => c.status === status).length;
    out.push(
      `Quality checks: ${count('pass')} passed, ${count('warn')} warn, ${count('error')} error (results in datakit.quality_results)`,
      ...run.checks
        .filter((c) => c.status !== 'pass')
        .map((c) => `  ${c.status}: ${c.check} (${c.task}) — ${n(c.failing)} failing row(s)`),
      '',
    );
  }
  if (run.tables.length > 0) {
    out.push('Rows per layer after the run:');
    for (const layer of ['bronze', 'silver', 'gold'] as const) {
      const tables = run.tables.filter((t) => t.layer === layer);
      if (tables.length > 0)
        out.push(`  ${layer.padEnd(6)}  ${tables.map((t) => `${t.table} ${n(t.rows)}`).join(' · ')}`);
    }
    out.push('');
  }
  if (run.history) out.push(...formatHistory(run.history, run.logicalTime), '');
  if (run.rejects.length > 0) {
    out.push('Rejected rows, with their reasons (all of them are in datakit.rejects):');
    for (const r of run.rejects)
      out.push(`  ${r.target}: ${r.rows > 1 ? `${n(r.rows)} × ` : ''}${r.message}`);
    out.push('');
  }
  return out;
}

function formatHistory(h: CustomerHistory, at: string): string[] {
  const changed = h.closed;
  const added = h.opened - h.closed;
  const out = [
    `gold.dim_customer (SCD2): ${n(h.versions)} versions, ${n(h.current)} current; this run opened ${n(h.opened)} (${n(added)} for new customers, ${n(changed)} for changed ones) and closed ${n(h.closed)} at ${at}`,
  ];
  if (h.example) {
    out.push(`  customer ${h.example.customerId}, version by version:`);
    const rows = h.example.versions.map((v) => [
      `  [${v.validFrom}, ${v.validTo})`,
      v.name,
      v.status,
      v.country ?? '-',
      v.current ? 'current' : '',
    ]);
    out.push(...formatTable(['  valid', 'name', 'status', 'country', ''], rows).split('\n'));
  }
  return out;
}
