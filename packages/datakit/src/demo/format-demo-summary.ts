import { formatTransferTable } from '../warehouse/transfer-summary.js';
import { dataDirLine } from './demo-locations.js';
import type { DemoSummary } from './run-demo.js';

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The demo's summary as terminal text: what happened to the data directory (first line), the
 * seeded sources, the deploy, one line per transfer (rows read, loaded, rejected, dropped, time,
 * rows/s) with totals, the rejects by reason, where the data is kept and the `next` commands.
 *
 * @example
 * ```ts
 * io.out(formatDemoSummary(await runDemo(), ['npx datakit deploy --plan --env dev']));
 * ```
 */
export function formatDemoSummary(summary: DemoSummary, next: readonly string[] = []): string {
  const out: string[] = [dataDirLine(summary.data.action, summary.data.dir), ''];
  const bySystem = new Map<string, string[]>();
  for (const t of summary.seeded.tables)
    bySystem.set(t.system, [...(bySystem.get(t.system) ?? []), `${t.table} ${n(t.rows)}`]);
  out.push(
    `Seeded ${n(summary.seeded.rows)} source rows with factories (seed ${summary.seed}) in ${s(summary.seeded.durationMs)}:`,
    ...[...bySystem].map(([system, tables]) => `  ${system}: ${tables.join(', ')}`),
    `  deliberately bad: ${summary.badRows.length} rows (rejected by the transforms); ${n(summary.cancelledOrders)} cancelled orders (dropped)`,
    `Deployed warehouse "${summary.warehouse}" (bronze and silver): ${summary.deploy.status}, ${summary.deploy.steps} step(s) in ${s(summary.deploy.durationMs)}`,
    '',
  );
  out.push(
    `Pipeline "${summary.run.pipeline}" run ${summary.run.id}: ${summary.run.state} (recorded in ${summary.run.store}; the table below is read from it):`,
    ...formatTransferTable({ transfers: summary.transfers, totals: summary.totals }),
    '',
  );
  for (const l of summary.layers)
    out.push(
      `${l.task} (SQL transform): ${n(l.rows.read)} read, ${n(l.rows.loaded)} written, ${n(l.rows.rejected)} rejected`,
    );
  if (summary.checks.length > 0) {
    const count = (status: string) => summary.checks.filter((c) => c.status === status).length;
    out.push(
      `Quality checks: ${count('pass')} pass, ${count('warn')} warn, ${count('error')} error (results in datakit.quality_results)`,
      ...summary.checks
        .filter((c) => c.status !== 'pass')
        .map((c) => `  ${c.status}: ${c.check} — ${n(c.failing)} failing row(s)`),
    );
  }
  if (summary.layers.length > 0 || summary.checks.length > 0) out.push('');
  if (summary.rejects.length > 0) {
    out.push(`Rejected rows, with their reasons (all of them are in ${summary.rejectsTable}):`);
    for (const r of summary.rejects)
      out.push(`  ${r.target}: ${r.rows > 1 ? `${n(r.rows)} × ` : ''}${r.message}`);
    out.push('');
  }
  out.push(
    `Data kept in ${summary.data.dir}:`,
    `  warehouse  ${summary.data.warehouseUrl}`,
    ...Object.entries(summary.data.sourceUrls).map(([system, url]) => `  ${system.padEnd(9)}  ${url}`),
    '',
    `Finished in ${s(summary.durationMs)}, peak memory ${n(summary.peakRssMb)} MB.`,
  );
  if (next.length > 0) out.push('', 'Next:', ...next.map((line) => `  ${line}`));
  return out.join('\n');
}
