import { formatNumber } from '../format/format-number.js';
import { formatTable } from '../format/format-table.js';
import { terminalText } from '../format/terminal-text.js';
import type { RejectLoad } from '../store/loads/list-reject-loads.js';
import { type RejectView, shortReason } from './reject-view.js';

/** The widest a cell of the rejects table gets before it is cut with an ellipsis. */
const WIDTH = { key: 30, rule: 30, column: 30, value: 30, reason: 60, row: 60 } as const;

const time = (at: Date | null) => (at ? at.toISOString().replace(/\.\d+Z$/, 'Z') : 'not started');
const rows = (n: number) => `${formatNumber(n)} row${n === 1 ? '' : 's'}`;

/**
 * The line above a load's rejects: its target and source, what wrote it, its id, start and
 * status, and how many rows it rejected (and stored, when a failed load kept only the first ones).
 *
 * @example
 * ```ts
 * loadLine(load); // 'bronze.customer ← crm.customer: transfer customer, load 0f8…, 2025-01-01T00:00:00Z, succeeded; 2 rows rejected'
 * ```
 */
export function loadLine(load: RejectLoad): string {
  const t = (s: string | null) => terminalText(s ?? '?');
  const system = load.sourceSystem ? ` (${t(load.sourceSystem)})` : '';
  const where = load.sourceTable
    ? `${t(load.targetTable)} ← ${t(load.sourceTable)}${system}`
    : t(load.targetTable);
  const what =
    load.kind === null
      ? 'rejects of an unrecorded load'
      : load.kind === 'transfer' || load.kind === 'sql'
        ? `${load.kind === 'sql' ? 'SQL transform' : 'transfer'} ${t(load.name)}`
        : `${t(load.kind)} task ${t(load.name)}`;
  const run = load.runId ? ` of run ${load.runId}` : '';
  const status = load.status ? `, ${load.status}` : '';
  const count =
    load.rowsRejected !== null && load.rowsRejected > load.stored
      ? `${rows(load.rowsRejected)} rejected, the first ${formatNumber(load.stored)} stored`
      : `${rows(load.stored)} rejected`;
  return `${where}: ${what}${run}, load ${load.loadId}, ${time(load.startedAt)}${status}; ${count}`;
}

/**
 * What `datakit rejects` prints: per load, its line and a table of its rejects (key, stage,
 * rule, column, value, reason, row), every cell made safe for the terminal and cut to a width;
 * then how many rejects were left out, and the loads that rejected nothing.
 *
 * @example
 * ```ts
 * io.out(formatRejects({ loads, views, total: 340, scope: 'warehouse shop (dev)' }));
 * ```
 */
export function formatRejects(input: {
  loads: readonly RejectLoad[];
  views: readonly RejectView[];
  /** The rejects stored for `loads`, shown or not. */
  total: number;
  /** What was asked for, as a phrase: `run 42`, `warehouse shop (dev)`. */
  scope: string;
}): string {
  const { loads, views, total, scope } = input;
  const out: string[] = [];
  let cut = false;
  const cell = (text: string, max: number) => {
    const shown = terminalText(text, max);
    if (shown !== terminalText(text)) cut = true;
    return shown;
  };
  for (const load of loads) {
    const mine = views.filter((v) => v.loadId === load.loadId);
    if (mine.length === 0) continue;
    const table = formatTable(
      ['key', 'stage', 'rule', 'column', 'value', 'reason', 'row'],
      mine.map((v) => [
        cell(v.key ?? (v.rowNumber === null ? '-' : `row ${v.rowNumber}`), WIDTH.key),
        cell(v.stage, WIDTH.rule),
        cell(v.rule, WIDTH.rule),
        cell(v.column ?? '-', WIDTH.column),
        v.column === null ? '-' : cell(JSON.stringify(v.value) ?? 'null', WIDTH.value),
        cell(shortReason(v), WIDTH.reason),
        cell(JSON.stringify(v.row) ?? 'null', WIDTH.row),
      ]),
    );
    out.push(loadLine(load), ...table.split('\n').map((line) => `  ${line}`), '');
  }
  if (views.length < total) {
    const more = total - views.length;
    const loadsLeft = loads.filter((l) => l.stored > 0 && !views.some((v) => v.loadId === l.loadId)).length;
    out.push(
      `Showing ${formatNumber(views.length)} of ${formatNumber(total)} rejected rows: ${formatNumber(more)} more` +
        `${loadsLeft > 0 ? ` (${loadsLeft} more load${loadsLeft === 1 ? '' : 's'})` : ''}; --limit ${total} shows them all.`,
    );
  }
  const clean = loads.filter((l) => l.stored === 0);
  if (views.length === 0 && clean.length === 1) out.push(loadLine(clean[0] as RejectLoad));
  else if (views.length === 0)
    out.push(`No rejected rows in ${scope}${clean.length > 1 ? ` (${clean.length} loads)` : ''}.`);
  else if (clean.length > 0) {
    const names = clean.map((l) => terminalText(l.name ?? l.loadId));
    const listed = names.length > 10 ? `${names.slice(0, 10).join(', ')}, …` : names.join(', ');
    out.push(`${clean.length} other load${clean.length === 1 ? '' : 's'} rejected no rows: ${listed}.`);
  }
  if (cut) out.push('Long cells are cut (…): --json or --csv print every reason and row in full.');
  return out.join('\n').trimEnd();
}
