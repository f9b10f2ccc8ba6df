import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CatchupMode } from '../../src/config/pipeline-config.js';
import { connect } from '../../src/dialect/connect.js';
import { backfillRange } from '../../src/orchestration/backfill/backfill-range.js';
import { compilePipeline } from '../../src/orchestration/dag/compile-pipeline.js';
import { runScheduler, type SchedulerEvent } from '../../src/orchestration/schedule/run-scheduler.js';
import { catchUp, Schedule } from '../../src/orchestration/schedule/schedule-ticks.js';
import { listRuns } from '../../src/store/runs/list-runs.js';
import { queueRuns } from '../../src/store/runs/queue-runs.js';
import { DEFAULT_STORE_SCHEMA } from '../../src/store/store-schema.js';
import { describeServer } from '../support/servers.js';
import { openStore, rawA, type StoreFixture, sleep, warehouseWith } from './fixtures.js';

const iso = (dates: readonly Date[]) => dates.map((d) => d.toISOString());

describe('schedules', () => {
  test('ticks follow the time zone across a DST change', () => {
    const s = new Schedule('0 6 * * *', 'Europe/Amsterdam');
    expect(iso(s.between(new Date('2024-03-29T12:00:00Z'), new Date('2024-04-01T12:00:00Z')))).toEqual([
      '2024-03-30T05:00:00.000Z',
      '2024-03-31T04:00:00.000Z',
      '2024-04-01T04:00:00.000Z',
    ]);
  });

  test('catch-up takes all missed ticks, the latest, or none', () => {
    const missed = [new Date(1), new Date(2), new Date(3)];
    expect(catchUp('all', missed)).toEqual(missed);
    expect(catchUp('latest', missed)).toEqual([new Date(3)]);
    expect(catchUp('none', missed)).toEqual([]);
  });

  test('a backfill range of days covers whole days in the schedule time zone', () => {
    expect(backfillRange('2024-05-01', '2024-05-03', 'UTC')).toEqual({
      from: new Date('2024-05-01T00:00:00.000Z'),
      to: new Date('2024-05-03T23:59:59.999Z'),
    });
    expect(backfillRange('2024-03-31', '2024-03-31', 'Europe/Amsterdam')).toEqual({
      from: new Date('2024-03-30T23:00:00.000Z'),
      to: new Date('2024-03-31T21:59:59.999Z'),
    });
    expect(() => backfillRange('2024-05-03', '2024-05-01')).toThrow(
      '--to 2024-05-01 is before --from 2024-05-03',
    );
  });
});

function schedulerSuite(kind: 'postgres' | 'pglite') {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await openStore(kind, 'sched');
  });
  afterAll(() => fx?.close());

  const pipelineOf = (schedule: string, catchup?: CatchupMode) =>
    compilePipeline(
      warehouseWith([{ name: 'noop', run: async () => {} }], { schedule, ...(catchup ? { catchup } : {}) }),
      'main',
      'p',
    );

  test('two schedulers on one run store fire each tick exactly once', async () => {
    const pipeline = pipelineOf('* * * * * *');
    const second = await connect(fx.url);
    const stop = new AbortController();
    const events: SchedulerEvent[][] = [[], []];
    const scheduler = (store: typeof fx.store, i: number) =>
      runScheduler({
        pipelines: [pipeline],
        environment: 'twins',
        store,
        signal: stop.signal,
        pollMs: 500,
        runOptions: () => ({ endpoints: { warehouse: fx.url, sources: {} }, leaseMs: 5000 }),
        onEvent: (e) => events[i]?.push(e),
      });
    const both = Promise.all([scheduler(fx.store, 0), scheduler(second, 1)]);
    await new Promise((r) => setTimeout(r, 3300));
    stop.abort();
    await both;
    await second.close();
    const runs = await listRuns(fx.store, { environment: 'twins', order: 'logical-time-asc', limit: 100 });
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const times = runs.map(({ run }) => run.logicalTime.getTime());
    expect(new Set(times).size).toBe(times.length);
    expect(times.every((t) => t % 1000 === 0)).toBe(true);
    const created = events.flat().filter((e) => e.type === 'tick' && e.created);
    expect(created).toHaveLength(runs.length);
    expect(events.every((list) => list.some((e) => e.type === 'tick'))).toBe(true);
    for (const { run, tasks } of runs) {
      expect(run.trigger).toBe('schedule');
      if (run.state !== 'queued')
        expect({ state: run.state, tasks }).toEqual({ state: 'succeeded', tasks: { succeeded: 1 } });
    }
    const { rows } = await fx.store.query<{ n: number }>(
      `select count(*)::int as n from datakit.events e join datakit.runs r on r.id = e.run_id where r.environment = 'twins' and e.kind = 'task_started'`,
    );
    expect(rows[0]?.n).toBe(runs.filter(({ run }) => run.state === 'succeeded').length);
  });

  test('stopping a scheduler lets the running task finish, starts no other, and requeues the run for the next one', async () => {
    const ran: string[] = [];
    let started: () => void = () => {};
    const firstStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const pipeline = compilePipeline(
      warehouseWith(
        [
          {
            name: 'first',
            writes: [{ layer: 'bronze', table: rawA }],
            run: async () => {
              started();
              await sleep(600);
              ran.push('first');
            },
          },
          {
            name: 'second',
            reads: [{ layer: 'bronze', table: rawA }],
            run: async () => void ran.push('second'),
          },
        ],
        { schedule: '0 0 1 1 *', catchup: 'none' },
      ),
      'main',
      'p',
    );
    const environment = 'drain';
    const [queued] = await queueRuns(
      fx.store,
      { warehouse: 'main', pipeline: 'p', environment },
      [new Date('2024-05-01T00:00:00Z')],
      'schedule',
      pipeline.hash,
      pipeline.datakits,
      DEFAULT_STORE_SCHEMA,
    );
    const schedule = (signal: AbortSignal) =>
      runScheduler({
        pipelines: [pipeline],
        environment,
        store: fx.store,
        signal,
        runOptions: () => ({ endpoints: { warehouse: fx.url, sources: {} } }),
      });
    const stop = new AbortController();
    const first = schedule(stop.signal);
    await firstStarted;
    stop.abort();
    await first;
    expect(ran).toEqual(['first']);
    const [after] = await listRuns(fx.store, { environment });
    expect(after).toMatchObject({
      run: { id: queued?.id, state: 'queued' },
      tasks: { succeeded: 1, pending: 1 },
    });
    const again = new AbortController();
    const second = schedule(again.signal);
    for (let i = 0; i < 100 && ran.length < 2; i++) await sleep(50);
    again.abort();
    await second;
    expect(ran).toEqual(['first', 'second']);
    const [done] = await listRuns(fx.store, { environment });
    expect(done).toMatchObject({ run: { id: queued?.id, state: 'succeeded' }, tasks: { succeeded: 2 } });
  });

  test.each([
    ['all', 5],
    ['latest', 1],
    ['none', 0],
  ] as const)('a starting scheduler catches up missed ticks: %s', async (mode, expected) => {
    const pipeline = pipelineOf('0 * * * *', mode);
    const environment = `catchup-${mode}`;
    const key = { warehouse: 'main', pipeline: 'p', environment };
    await queueRuns(
      fx.store,
      key,
      [new Date('2024-05-01T00:00:00Z')],
      'schedule',
      pipeline.hash,
      pipeline.datakits,
      DEFAULT_STORE_SCHEMA,
    );
    const stop = new AbortController();
    await runScheduler({
      pipelines: [pipeline],
      environment,
      store: fx.store,
      signal: stop.signal,
      now: () => new Date('2024-05-01T05:30:00Z'),
      runOptions: () => ({ endpoints: { warehouse: fx.url, sources: {} } }),
      onEvent: (e) => e.type === 'started' && stop.abort(),
    });
    const runs = await listRuns(fx.store, { environment, order: 'logical-time-asc' });
    const caught = iso(runs.map(({ run }) => run.logicalTime)).slice(1);
    const all = ['01', '02', '03', '04', '05'].map((h) => `2024-05-01T${h}:00:00.000Z`);
    expect(caught).toEqual(mode === 'all' ? all : mode === 'latest' ? all.slice(-1) : []);
    expect(caught).toHaveLength(expected);
  });
}

describe('scheduler [pglite]', () => schedulerSuite('pglite'));
await describeServer('postgres', 'scheduler', () => schedulerSuite('postgres'));
