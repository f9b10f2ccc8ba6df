import type { CompiledTask } from './compiled-pipeline.js';

type Phase = 'waiting' | 'ready' | 'running' | 'retrying' | 'succeeded' | 'failed';

/**
 * The runner's view of one run's DAG: which tasks may start, given what succeeded, failed and is
 * running, and the pipeline's limits (per run and per task kind). A task becomes ready when all
 * its upstream tasks succeeded; when one fails, everything downstream of it will not run.
 *
 * @example
 * ```ts
 * const dag = new DagState(pipeline.tasks, succeededNames, { total: 4, byKind: { transfer: 2 } });
 * for (const task of dag.takeReady()) start(task);
 * ```
 * @internal
 */
export class DagState {
  readonly #tasks: readonly CompiledTask[];
  readonly #phase: Phase[];
  readonly #missing: number[];
  readonly #downstream: number[][];
  readonly #ready: number[] = [];
  readonly #limits: { total: number; byKind: Partial<Record<string, number>> };
  readonly #runningByKind = new Map<string, number>();
  #running = 0;
  #retrying = 0;
  #failures = 0;

  constructor(
    tasks: readonly CompiledTask[],
    succeeded: ReadonlySet<string>,
    limits: { total: number; byKind: Partial<Record<string, number>> },
  ) {
    this.#tasks = tasks;
    this.#limits = limits;
    this.#phase = tasks.map((t) => (succeeded.has(t.name) ? 'succeeded' : 'waiting'));
    this.#downstream = tasks.map(() => []);
    for (const t of tasks) for (const u of t.upstream) this.#downstream[u]?.push(t.index);
    this.#missing = tasks.map((t) => t.upstream.filter((u) => this.#phase[u] !== 'succeeded').length);
    for (const t of tasks)
      if (this.#phase[t.index] === 'waiting' && this.#missing[t.index] === 0) this.#makeReady(t.index);
  }

  /** Tasks to start now, in declaration order, within the limits; marks them running. */
  takeReady(): CompiledTask[] {
    const taken: CompiledTask[] = [];
    this.#ready.sort((a, b) => a - b);
    for (let i = 0; i < this.#ready.length && this.#running < this.#limits.total; ) {
      const task = this.#tasks[this.#ready[i] as number] as CompiledTask;
      const kindLimit = this.#limits.byKind[task.kind] ?? Number.POSITIVE_INFINITY;
      if ((this.#runningByKind.get(task.kind) ?? 0) >= kindLimit) {
        i++;
        continue;
      }
      this.#ready.splice(i, 1);
      this.#phase[task.index] = 'running';
      this.#running++;
      this.#runningByKind.set(task.kind, (this.#runningByKind.get(task.kind) ?? 0) + 1);
      taken.push(task);
    }
    return taken;
  }

  /** The attempt ended well: downstream tasks may become ready. */
  succeeded(task: CompiledTask): void {
    this.#stop(task, 'succeeded');
    for (const d of this.#downstream[task.index] ?? []) {
      this.#missing[d] = (this.#missing[d] ?? 1) - 1;
      if (this.#missing[d] === 0 && this.#phase[d] === 'waiting') this.#makeReady(d);
    }
  }

  /** The task will not succeed in this run: returns the names of the tasks that now cannot run. */
  failed(task: CompiledTask): string[] {
    this.#stop(task, 'failed');
    this.#failures++;
    const blocked: string[] = [];
    const stack = [...(this.#downstream[task.index] ?? [])];
    while (stack.length > 0) {
      const d = stack.pop() as number;
      const phase = this.#phase[d];
      if (phase !== 'waiting' && phase !== 'ready') continue;
      if (phase === 'ready') this.#ready.splice(this.#ready.indexOf(d), 1);
      this.#phase[d] = 'failed';
      blocked.push(this.#tasks[d]?.name ?? '');
      stack.push(...(this.#downstream[d] ?? []));
    }
    return blocked;
  }

  /** The attempt failed with attempts left: the task waits for its retry time. */
  retrying(task: CompiledTask): void {
    this.#stop(task, 'retrying');
    this.#retrying++;
  }

  /** The retry time came. */
  retryNow(task: CompiledTask): void {
    if (this.#phase[task.index] !== 'retrying') return;
    this.#retrying--;
    this.#makeReady(task.index);
  }

  /** Tasks that have not started and will not now (on stop): marks them failed and returns their names. */
  abandonUnstarted(): string[] {
    const names: string[] = [];
    this.#tasks.forEach((t, i) => {
      const phase = this.#phase[i];
      if (phase === 'waiting' || phase === 'ready' || phase === 'retrying') {
        this.#phase[i] = 'failed';
        names.push(t.name);
      }
    });
    this.#ready.length = 0;
    this.#retrying = 0;
    return names;
  }

  get running(): number {
    return this.#running;
  }

  /** Nothing runs and nothing can start or retry any more. */
  get done(): boolean {
    return this.#running === 0 && this.#ready.length === 0 && this.#retrying === 0;
  }

  /** A task of this run failed (not counting tasks that never started). */
  get anyFailed(): boolean {
    return this.#failures > 0;
  }

  get allSucceeded(): boolean {
    return this.#phase.every((p) => p === 'succeeded');
  }

  #makeReady(index: number): void {
    this.#phase[index] = 'ready';
    this.#ready.push(index);
  }

  #stop(task: CompiledTask, phase: Phase): void {
    if (this.#phase[task.index] === 'running') {
      this.#running--;
      this.#runningByKind.set(task.kind, (this.#runningByKind.get(task.kind) ?? 1) - 1);
    }
    this.#phase[task.index] = phase;
  }
}
