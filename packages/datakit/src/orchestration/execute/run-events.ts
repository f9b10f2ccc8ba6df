import type { RunRecord } from '../../store/runs/run-record.js';
import type { AttemptOutcome } from './executor.js';

/**
 * What a run reports while it runs, for progress displays and logs.
 *
 * @example
 * ```ts
 * const onEvent = (e: RunProgressEvent) => { if (e.type === 'task_ended') console.error(e.task, e.outcome.state); };
 * ```
 */
export type RunProgressEvent =
  | { type: 'run_started'; run: RunRecord; tasks: number; toRun: number; resumed: boolean }
  | { type: 'task_started'; task: string; attempt: number; at: Date }
  | { type: 'task_ended'; task: string; outcome: AttemptOutcome; durationMs: number }
  | { type: 'tasks_not_run'; tasks: string[]; state: 'upstream_failed' | 'cancelled'; reason: string }
  | { type: 'log'; task: string; attempt: number; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'run_ended'; run: RunRecord };
