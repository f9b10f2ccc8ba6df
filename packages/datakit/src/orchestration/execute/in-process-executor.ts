import type { AttemptOutcome, Executor, ReadyTask } from './executor.js';
import { runAttempt } from './run-attempt.js';
import type { TaskRuntime } from './task-runtime.js';

/**
 * The default executor: runs each attempt in this process, as soon as it is handed a ready task
 * (the runner enforces the concurrency limits).
 *
 * @example
 * ```ts
 * const executor = new InProcessExecutor(runtime);
 * await runPipeline({ pipeline, environment: 'dev', store, endpoints, executor });
 * ```
 */
export class InProcessExecutor implements Executor {
  readonly name = 'in-process';
  readonly #runtime: TaskRuntime;

  constructor(runtime: TaskRuntime) {
    this.#runtime = runtime;
  }

  execute(task: ReadyTask, signal: AbortSignal): Promise<AttemptOutcome> {
    return runAttempt(this.#runtime, task, signal);
  }

  async close(): Promise<void> {}
}
