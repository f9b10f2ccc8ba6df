import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PipelineConfig, TaskConfig } from '../../src/config/pipeline-config.js';
import type { TaskContext } from '../../src/config/task-context.js';
import { compilePipeline } from '../../src/orchestration/dag/compile-pipeline.js';
import type { Executor } from '../../src/orchestration/execute/executor.js';
import { type RunPipelineOptions, runPipeline } from '../../src/orchestration/execute/run-pipeline.js';
import type { TaskRuntime } from '../../src/orchestration/execute/task-runtime.js';
import { mart, openStore, rawA, rawB, report, type StoreFixture, sleep, warehouseWith } from './fixtures.js';

/** What an executor implementation gives the shared suite. */
export interface ConformanceTarget {
  name: string;
  createExecutor: (runtime: TaskRuntime) => Executor;
  store: 'postgres' | 'pglite';
}

const bronzeA = { layer: 'bronze', table: rawA } as const;
const bronzeB = { layer: 'bronze', table: rawB } as const;

/**
 * The behaviour every executor must have, against a run store of the given kind: ordering from
 * data edges, parallelism within the limits, retries with backoff, timeouts that cancel the
 * task's statements, cancellation, and resume of what did not succeed.
 */
export function executorConformance(target: ConformanceTarget): void {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await openStore(target.store, `conf_${target.name}`);
  });
  afterAll(() => fx?.close());

  const run = (
    tasks: readonly TaskConfig[],
    settings: Omit<PipelineConfig, 'tasks'> = {},
    options: Partial<RunPipelineOptions> = {},
  ) =>
    runPipeline({
      pipeline: compilePipeline(warehouseWith(tasks, settings), 'main', 'p'),
      environment: `env-${Math.random().toString(36).slice(2, 8)}`,
      store: fx.store,
      endpoints: { warehouse: fx.url, sources: {} },
      executor: target.createExecutor,
      ...options,
    });

  const timeline = () => {
    const events: { task: string; at: 'start' | 'end'; t: number }[] = [];
    const task = (name: string, ms: number, extra: Partial<TaskConfig> = {}): TaskConfig =>
      ({
        name,
        run: async () => {
          events.push({ task: name, at: 'start', t: performance.now() });
          await sleep(ms);
          events.push({ task: name, at: 'end', t: performance.now() });
        },
        ...extra,
      }) as TaskConfig;
    const time = (name: string, at: 'start' | 'end') =>
      events.find((e) => e.task === name && e.at === at)?.t ?? Number.NaN;
    const maxParallel = () => {
      let now = 0;
      let max = 0;
      for (const e of [...events].sort((a, b) => a.t - b.t || (a.at === 'end' ? -1 : 1))) {
        now += e.at === 'start' ? 1 : -1;
        max = Math.max(max, now);
      }
      return max;
    };
    return { events, task, time, maxParallel };
  };

  test('runs a task only after the tasks writing the tables it reads, and after its `after` tasks', async () => {
    const tl = timeline();
    const result = await run([
      tl.task('mart', 10, { reads: [bronzeA, bronzeB], writes: [mart] } as Partial<TaskConfig>),
      tl.task('load-a', 400, { writes: [bronzeA] } as Partial<TaskConfig>),
      tl.task('load-b', 20, { writes: [bronzeB] } as Partial<TaskConfig>),
      tl.task('report', 10, { reads: [mart], writes: [report] } as Partial<TaskConfig>),
      tl.task('notify', 10, { after: ['report'] } as Partial<TaskConfig>),
    ]);
    expect(result.ok).toBe(true);
    expect(result.run.state).toBe('succeeded');
    expect(tl.time('mart', 'start')).toBeGreaterThanOrEqual(
      Math.max(tl.time('load-a', 'end'), tl.time('load-b', 'end')),
    );
    expect(tl.time('report', 'start')).toBeGreaterThanOrEqual(tl.time('mart', 'end'));
    expect(tl.time('notify', 'start')).toBeGreaterThanOrEqual(tl.time('report', 'end'));
    expect(tl.time('load-b', 'start')).toBeLessThan(tl.time('load-a', 'end'));
    expect(result.tasks.map((t) => [t.task, t.state, t.attempt])).toEqual([
      ['mart', 'succeeded', 1],
      ['load-a', 'succeeded', 1],
      ['load-b', 'succeeded', 1],
      ['report', 'succeeded', 1],
      ['notify', 'succeeded', 1],
    ]);
  });

  test('runs independent tasks in parallel up to the pipeline and task-kind limits', async () => {
    const six = (tl: ReturnType<typeof timeline>) =>
      ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => tl.task(n, 150));
    const byPipeline = timeline();
    const started = performance.now();
    expect((await run(six(byPipeline), { concurrency: 3 })).ok).toBe(true);
    expect(byPipeline.maxParallel()).toBe(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    const byKind = timeline();
    expect((await run(six(byKind), { concurrency: 6, kindConcurrency: { custom: 2 } })).ok).toBe(true);
    expect(byKind.maxParallel()).toBe(2);
  });

  test('retries a failing task with exponential backoff, then succeeds', async () => {
    const starts: number[] = [];
    const result = await run([
      {
        name: 'flaky',
        retries: 3,
        retryDelayMs: 200,
        run: async (ctx: TaskContext) => {
          starts.push(performance.now());
          if (ctx.run.attempt <= 2) throw new Error(`flaky failure ${ctx.run.attempt}`);
        },
      },
    ]);
    expect(result.ok).toBe(true);
    expect(result.tasks[0]).toMatchObject({ state: 'succeeded', attempt: 3, error: null });
    const [first = 0, second = 0, third = 0] = starts;
    // Equal jitter: the n-th retry waits between half and all of 200 ms × 2^(n-1).
    expect(second - first).toBeGreaterThanOrEqual(100);
    expect(second - first).toBeLessThan(200 + 400);
    expect(third - second).toBeGreaterThanOrEqual(200);
    expect(third - second).toBeLessThan(400 + 400);
    const retries = result.events.filter((e) => e.kind === 'task_retry').map((e) => e.message);
    expect(retries).toHaveLength(2);
    expect(retries[0]).toContain('flaky failure 1');
  });

  test('a task out of attempts fails, its downstream tasks do not run, and the run fails', async () => {
    const ran: string[] = [];
    const result = await run([
      {
        name: 'bad',
        writes: [bronzeA],
        retries: 1,
        retryDelayMs: 10,
        run: async () => {
          ran.push('bad');
          throw new Error('no luck');
        },
      },
      { name: 'after-bad', reads: [bronzeA], writes: [mart], run: async () => void ran.push('after-bad') },
      { name: 'downstream', reads: [mart], run: async () => void ran.push('downstream') },
      { name: 'independent', run: async () => void ran.push('independent') },
    ]);
    expect(result.ok).toBe(false);
    expect(result.run.state).toBe('failed');
    expect(ran.sort()).toEqual(['bad', 'bad', 'independent']);
    expect(Object.fromEntries(result.tasks.map((t) => [t.task, t.state]))).toEqual({
      bad: 'failed',
      'after-bad': 'upstream_failed',
      downstream: 'upstream_failed',
      independent: 'succeeded',
    });
    expect(result.tasks[0]).toMatchObject({ attempt: 2, error: 'no luck', errorCode: 'ERROR' });
  });

  test('a timeout aborts the task and cancels its running statement', async () => {
    const started = performance.now();
    const serverSide = target.store === 'postgres';
    const result = await run([
      {
        name: 'slow',
        timeoutMs: 400,
        run: async (ctx: TaskContext) => {
          // On a server the statement itself is cancelled; PGlite runs in this thread, so there
          // the task sees the signal (and any later statement is refused).
          if (serverSide) await ctx.connections.warehouse.query('select pg_sleep(30)');
          else await sleep(30_000, ctx.signal);
        },
      },
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.tasks[0]).toMatchObject({
      state: 'failed',
      errorCode: 'TIMEOUT',
      error: 'timed out after 400 ms',
    });
    if (serverSide) {
      const { rows } = await fx.store.query(
        `select count(*)::int as n from pg_stat_activity where query like 'select pg_sleep(30)%'`,
      );
      expect(rows[0]).toEqual({ n: 0 });
    }
  });

  // Only where sessions can be ended: PGlite is one session in this process, so a task stuck
  // inside a transaction there holds the whole database and nothing can end it from outside.
  if (target.store === 'postgres')
    test('a task that ignores its timeout is given up on and its sessions ended', async () => {
      const started = performance.now();
      const result = await run(
        [
          {
            name: 'stubborn',
            timeoutMs: 300,
            run: async (ctx: TaskContext) => {
              await ctx.connections.warehouse.transaction(async (tx) => {
                await tx.query('select 1');
                await sleep(20_000); // ignores ctx.signal, holds its session
              });
            },
          },
        ],
        {},
        { abortGraceMs: 500 },
      );
      expect(performance.now() - started).toBeLessThan(5000);
      expect(result.tasks[0]).toMatchObject({ state: 'failed', errorCode: 'TIMEOUT' });
      const { rows } = await fx.store.query(
        `select count(*)::int as n from pg_stat_activity where application_name like 'dk-%'`,
      );
      expect(rows[0]).toEqual({ n: 0 });
    });

  test('cancelling a run aborts its running tasks and marks the rest cancelled', async () => {
    const controller = new AbortController();
    let sawAbort = false;
    const result = await run(
      [
        {
          name: 'long',
          writes: [bronzeA],
          run: async (ctx: TaskContext) => {
            setTimeout(() => controller.abort(), 100);
            await sleep(30_000, ctx.signal).catch((e) => {
              sawAbort = true;
              throw e;
            });
          },
        },
        { name: 'next', reads: [bronzeA], run: async () => {} },
      ],
      {},
      { signal: controller.signal },
    );
    expect(sawAbort).toBe(true);
    expect(result.run.state).toBe('cancelled');
    expect(result.tasks.map((t) => [t.task, t.state])).toEqual([
      ['long', 'cancelled'],
      ['next', 'cancelled'],
    ]);
  });

  test('resume re-runs only the tasks that did not succeed, at the same logical time', async () => {
    const counts = new Map<string, number>();
    const times: number[] = [];
    let broken = true;
    const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
    const tasks: TaskConfig[] = [
      {
        name: 'a',
        writes: [bronzeA],
        run: async (ctx: TaskContext) => {
          count('a');
          times.push(ctx.logicalTime.getTime());
        },
      },
      {
        name: 'b',
        reads: [bronzeA],
        writes: [mart],
        run: async () => {
          count('b');
          if (broken) throw new Error('broken');
        },
      },
      {
        name: 'c',
        reads: [mart],
        run: async (ctx: TaskContext) => {
          count('c');
          times.push(ctx.logicalTime.getTime());
        },
      },
      { name: 'd', run: async () => void count('d') },
    ];
    const logicalTime = new Date('2024-03-31T01:30:00Z');
    const environment = 'resume-env';
    const first = await run(tasks, {}, { logicalTime, environment });
    expect(first.run.state).toBe('failed');
    broken = false;
    const second = await run(tasks, {}, { runId: first.run.id, reset: 'unfinished', environment });
    expect(second.ok).toBe(true);
    expect(second.run.id).toBe(first.run.id);
    expect(second.run.logicalTime.toISOString()).toBe(logicalTime.toISOString());
    expect(Object.fromEntries(counts)).toEqual({ a: 1, b: 2, c: 1, d: 1 });
    expect(times).toEqual([logicalTime.getTime(), logicalTime.getTime()]);
    expect(second.tasks.map((t) => [t.task, t.state, t.attempt])).toEqual([
      ['a', 'succeeded', 1],
      ['b', 'succeeded', 2],
      ['c', 'succeeded', 1],
      ['d', 'succeeded', 1],
    ]);
    expect(second.events.some((e) => e.kind === 'run_resumed')).toBe(true);
  });
}

/** Registers the suite under a describe block. */
export function describeExecutor(target: ConformanceTarget): void {
  describe(`executor conformance: ${target.name}`, () => executorConformance(target));
}
