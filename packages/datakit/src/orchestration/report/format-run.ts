import { formatDuration } from '../../format/format-duration.js';
import { formatNumber } from '../../format/format-number.js';
import { formatTable } from '../../format/format-table.js';
import type { RunEvent } from '../../store/runs/get-run.js';
import type { RunRecord, TaskRunRecord } from '../../store/runs/run-record.js';

const count = (n: number | undefined) => (n === undefined ? '-' : formatNumber(n));
const firstLine = (text: string | null, max = 80) => {
  const line = (text ?? '').split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};
const span = (from: Date | null, to: Date | null) =>
  from && to ? formatDuration(to.getTime() - from.getTime()) : '-';

/**
 * The table of a run's tasks: state, attempts, time, row counts and the first line of the error.
 *
 * @example
 * ```ts
 * console.log(formatTaskTable(result.tasks));
 * ```
 */
export function formatTaskTable(tasks: readonly TaskRunRecord[]): string {
  return formatTable(
    ['task', 'state', 'attempts', 'time', 'read', 'loaded', 'rejected', 'dropped', 'error'],
    tasks.map((t) => [
      t.task,
      t.state,
      String(t.attempt),
      span(t.startedAt, t.endedAt),
      count(t.rows?.read),
      count(t.rows?.loaded),
      count(t.rows?.rejected),
      count(t.rows?.dropped),
      firstLine(t.error),
    ]),
  );
}

/**
 * One line about a run: id, pipeline, environment, logical time, trigger, state and duration.
 *
 * @example
 * ```ts
 * formatRunLine(run); // 'run 42 nightly/prod 2024-05-01T02:00:00.000Z (schedule): succeeded in 3.4 s'
 * ```
 */
export function formatRunLine(run: RunRecord): string {
  const took = run.endedAt && run.startedAt ? ` in ${span(run.startedAt, run.endedAt)}` : '';
  return `run ${run.id} ${run.pipeline}/${run.environment} ${run.logicalTime.toISOString()} (${run.trigger}): ${run.state}${took}`;
}

/**
 * What `datakit run` prints at the end: the task table and a line with the outcome.
 *
 * @example
 * ```ts
 * io.out(formatRunSummary(result.run, result.tasks));
 * ```
 */
export function formatRunSummary(run: RunRecord, tasks: readonly TaskRunRecord[]): string {
  const states = new Map<string, number>();
  for (const t of tasks) states.set(t.state, (states.get(t.state) ?? 0) + 1);
  const tally = [...states].map(([s, n]) => `${n} ${s}`).join(', ');
  const lines = [formatTaskTable(tasks), '', `${formatRunLine(run)} (${tasks.length} tasks: ${tally})`];
  if (run.state !== 'succeeded')
    lines.push(`resume it with: datakit run ${run.pipeline} --env ${run.environment} --resume ${run.id}`);
  return lines.join('\n');
}

/**
 * What `datakit runs <id>` prints: the run, its tasks, and the errors of every failed attempt.
 *
 * @example
 * ```ts
 * io.out(formatRunDetail(detail.run, detail.tasks, detail.events));
 * ```
 */
export function formatRunDetail(
  run: RunRecord,
  tasks: readonly TaskRunRecord[],
  events: readonly RunEvent[],
): string {
  const lines = [
    formatRunLine(run),
    `  started ${run.startedAt?.toISOString() ?? '-'}, ended ${run.endedAt?.toISOString() ?? '-'}${run.owner ? `, held by ${run.owner}` : ''}`,
    `  definition ${run.definitionHash.slice(0, 12)}, datakits ${run.datakits.map((d) => `${d.name}@${d.version}`).join(', ') || '-'}`,
  ];
  if (run.error) lines.push(`  error: ${run.error}`);
  lines.push('', formatTaskTable(tasks));
  const problems = events.filter((e) => e.level !== 'info' && e.task !== null);
  if (problems.length > 0) {
    lines.push('', 'attempts that did not succeed:');
    for (const e of problems)
      lines.push(
        `  ${e.at.toISOString()} ${e.task} attempt ${e.attempt ?? '-'}: ${firstLine(e.message, 200)}`,
      );
  }
  return lines.join('\n');
}

/**
 * The table of `datakit runs`.
 *
 * @example
 * ```ts
 * io.out(formatRunList(await listRuns(store, { pipeline: 'nightly' })));
 * ```
 */
export function formatRunList(runs: readonly { run: RunRecord; tasks: Record<string, number> }[]): string {
  if (runs.length === 0) return 'No runs yet.';
  return formatTable(
    ['id', 'pipeline', 'env', 'logical time', 'trigger', 'state', 'started', 'time', 'tasks'],
    runs.map(({ run, tasks }) => [
      run.id,
      run.pipeline,
      run.environment,
      run.logicalTime.toISOString(),
      run.trigger,
      run.state,
      run.startedAt?.toISOString() ?? '-',
      span(run.startedAt, run.endedAt),
      Object.entries(tasks)
        .map(([s, n]) => `${n} ${s}`)
        .join(', '),
    ]),
  );
}
