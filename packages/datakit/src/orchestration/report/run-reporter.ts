import { formatDuration } from '../../format/format-duration.js';
import { formatNumber } from '../../format/format-number.js';
import type { RunProgressEvent } from '../execute/run-events.js';

/**
 * Shows a run's progress: one line per thing that happened (a plain log, for CI and pipes), and
 * on a TTY also a live block of the running tasks with their elapsed time, redrawn in place.
 *
 * @example
 * ```ts
 * const reporter = new RunReporter({ write: (s) => process.stderr.write(s), live: process.stderr.isTTY });
 * await runPipeline({ ...options, onEvent: (e) => reporter.event(e) });
 * reporter.stop();
 * ```
 */
export class RunReporter {
  readonly #write: (text: string) => void;
  readonly #live: boolean;
  readonly #running = new Map<string, { attempt: number; since: number }>();
  #drawn = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: { write: (text: string) => void; live: boolean }) {
    this.#write = options.write;
    this.#live = options.live;
    if (this.#live) {
      this.#timer = setInterval(() => this.#draw(), 250);
      this.#timer.unref();
    }
  }

  event(e: RunProgressEvent): void {
    const line = this.#line(e);
    if (e.type === 'task_started') this.#running.set(e.task, { attempt: e.attempt, since: e.at.getTime() });
    if (e.type === 'task_ended') this.#running.delete(e.task);
    if (line) this.#print(line);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#clear();
  }

  #line(e: RunProgressEvent): string | undefined {
    const now = new Date().toISOString().slice(11, 19);
    switch (e.type) {
      case 'run_started':
        return `${now} run ${e.run.id} of ${e.run.pipeline} (${e.run.environment}, logical time ${e.run.logicalTime.toISOString()}): ${e.toRun} of ${e.tasks} tasks to run${e.resumed ? ' (resumed)' : ''}`;
      case 'task_started':
        return `${now} ${e.task}: started${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`;
      case 'task_ended': {
        const o = e.outcome;
        const took = formatDuration(e.durationMs);
        if (o.state === 'succeeded') {
          const rows = o.rows
            ? `: read ${formatNumber(o.rows.read)}, loaded ${formatNumber(o.rows.loaded)}, rejected ${formatNumber(o.rows.rejected)}, dropped ${formatNumber(o.rows.dropped)}`
            : '';
          return `${now} ${e.task}: succeeded in ${took}${rows}`;
        }
        if (o.state === 'up_for_retry')
          return `${now} ${e.task}: attempt ${o.attempt} failed after ${took}, retry in ${formatDuration(Math.max(0, o.retryAt.getTime() - Date.now()))}: ${firstLine(o.error)}`;
        return `${now} ${e.task}: ${o.state} after ${took}: ${firstLine(o.error)}`;
      }
      case 'tasks_not_run':
        return `${now} not run (${e.state}, ${e.reason}): ${e.tasks.join(', ')}`;
      case 'log':
        return `${now} ${e.task}: ${e.level === 'info' ? '' : `${e.level}: `}${e.message}`;
      case 'run_ended':
        return undefined;
    }
  }

  #print(line: string): void {
    this.#clear();
    this.#write(`${line}\n`);
    this.#draw();
  }

  #clear(): void {
    if (this.#drawn > 0) this.#write(`\x1b[${this.#drawn}A\x1b[0J`);
    this.#drawn = 0;
  }

  #draw(): void {
    if (!this.#live) return;
    this.#clear();
    const lines = [...this.#running].map(
      ([task, r]) =>
        `  ▸ ${task}  ${formatDuration(Date.now() - r.since)}${r.attempt > 1 ? `  attempt ${r.attempt}` : ''}`,
    );
    if (lines.length === 0) return;
    this.#write(`${lines.join('\n')}\n`);
    this.#drawn = lines.length;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
