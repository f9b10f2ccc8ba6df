import { formatNumber as n, formatDuration as s } from 'datakit-warehouse';
import { dataDirLine } from './demo-locations.js';
import { formatDemoRun } from './format-demo-run.js';
import type { DemoSummary } from './run-demo.js';

const count = (value: number, noun: string) => `${n(value)} ${noun}${value === 1 ? '' : 's'}`;

/**
 * The demo's summary as terminal text: what happened to the data directory (first line), the
 * seeded sources, the deploy, each day's run (see {@link formatDemoRun}), where the data is kept
 * and the `next` commands.
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
    `Deployed warehouse "${summary.warehouse}" (bronze, silver and gold): ${summary.deploy.status}, ${summary.deploy.steps} step(s) in ${s(summary.deploy.durationMs)}`,
    '',
  );
  out.push(`Day 1: the first load.`, ...formatDemoRun(summary));
  if (summary.changes) {
    const a = summary.changes.applied;
    out.push(
      `Day 2: ${count(a.updatedCustomers, 'customer')} updated and ${n(a.newCustomers)} added in System A (changes() of the factories), ${count(a.newOrders, 'order')} with ${count(a.newOrderLines, 'line')} placed in System D; then the pipeline again.`,
      ...formatDemoRun(summary.changes.run),
    );
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
