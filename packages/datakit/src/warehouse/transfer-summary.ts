import type { WriteDisposition } from '../contract/define-datakit.js';
import { formatDuration } from '../format/format-duration.js';
import { formatNumber } from '../format/format-number.js';
import { formatTable } from '../format/format-table.js';
import { rowsPerSecond } from '../transfer/rows-per-second.js';
import type { TransferCounts, TransferResult } from '../transfer/transfer-options.js';
import type { PlannedTransfer } from './plan-transfers.js';

/**
 * One transfer's line of a summary: what moved where, and how fast.
 *
 * @example
 * ```ts
 * const line: TransferLine = transferLine(planned, result);
 * line.source; // 'system-a.customer'
 * ```
 */
export interface TransferLine {
  /** The transfer's name in the config, e.g. `customer`. */
  name: string;
  /** `system-a.customer`, or the warehouse table a layer transfer reads (`bronze.customer`). */
  source: string;
  /** `bronze.customer` */
  target: string;
  disposition: WriteDisposition;
  rows: TransferCounts;
  durationMs: number;
  rowsPerSecond: number;
  loadId: string;
}

/**
 * The summary of several transfers: a line each and the totals, with one rows/s computation.
 *
 * @example
 * ```ts
 * const { totals } = summarizeTransfers(lines); // { read: 26200, loaded: 25087, ..., rowsPerSecond: 21000 }
 * ```
 */
export interface TransferSummary {
  transfers: TransferLine[];
  totals: Pick<TransferCounts, 'read' | 'loaded' | 'rejected' | 'dropped'> & {
    durationMs: number;
    rowsPerSecond: number;
  };
}

/**
 * The summary line of a planned transfer's result.
 *
 * @example
 * ```ts
 * transferLine(plan.transfers[0]!, await transfer(options)).rowsPerSecond;
 * ```
 */
export function transferLine(planned: PlannedTransfer, result: TransferResult): TransferLine {
  return {
    name: planned.name,
    source:
      planned.source.layer === 'source'
        ? `${planned.source.system}.${planned.source.name}`
        : planned.source.id,
    target: result.target,
    disposition: result.disposition,
    rows: result.rows,
    durationMs: result.durationMs,
    rowsPerSecond: result.rowsPerSecond,
    loadId: result.loadId,
  };
}

/**
 * Totals over transfer lines: rows summed, time summed, and rows/s as total rows read over the
 * total time (the same formula as each transfer's own).
 *
 * @example
 * ```ts
 * summarizeTransfers(run.outcomes.flatMap((o) => (o.status === 'succeeded' ? [o.line] : [])));
 * ```
 */
export function summarizeTransfers(lines: readonly TransferLine[]): TransferSummary {
  const sum = (pick: (l: TransferLine) => number) => lines.reduce((n, l) => n + pick(l), 0);
  const read = sum((l) => l.rows.read);
  const durationMs = sum((l) => l.durationMs);
  return {
    transfers: [...lines],
    totals: {
      read,
      loaded: sum((l) => l.rows.loaded),
      rejected: sum((l) => l.rows.rejected),
      dropped: sum((l) => l.rows.dropped),
      durationMs,
      rowsPerSecond: rowsPerSecond(read, durationMs),
    },
  };
}

/**
 * The summary as a terminal table (one line per transfer and a total), as `datakit transfer` and
 * `datakit demo` print it.
 *
 * @example
 * ```ts
 * io.out(formatTransferTable(summary).join('\n'));
 * // transfer  source → target                      mode    read  loaded  rejected  dropped    time  rows/s
 * // customer  system-a.customer → bronze.customer  merge  2,000   1,997         3        0  400 ms   5,000
 * ```
 */
export function formatTransferTable(summary: TransferSummary): string[] {
  const row = (name: string, path: string, mode: string, c: TransferSummary['totals']) => [
    name,
    path,
    mode,
    formatNumber(c.read),
    formatNumber(c.loaded),
    formatNumber(c.rejected),
    formatNumber(c.dropped),
    formatDuration(c.durationMs),
    formatNumber(c.rowsPerSecond),
  ];
  const rows = summary.transfers.map((t) =>
    row(t.name, `${t.source} → ${t.target}`, t.disposition, {
      ...t.rows,
      durationMs: t.durationMs,
      rowsPerSecond: t.rowsPerSecond,
    }),
  );
  if (summary.transfers.length > 1) rows.push(row('total', '', '', summary.totals));
  const header = [
    'transfer',
    'source → target',
    'mode',
    'read',
    'loaded',
    'rejected',
    'dropped',
    'time',
    'rows/s',
  ];
  return formatTable(header, rows).split('\n');
}
