import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reapExpired } from '../../src/store/runs/reap-expired.js';
import { describeServer } from '../support/servers.js';
import { openStore, type StoreFixture } from './fixtures.js';

function reapSuite(kind: 'postgres' | 'pglite'): void {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await openStore(kind, 'reap');
  });
  afterAll(() => fx?.close());

  /** A running run and its running task, each leased until `run`/`task` ms from now. */
  const running = async (runMs: number, taskMs: number) => {
    const { rows } = await fx.store.query<{ id: string }>(
      `insert into "datakit"."runs" ("warehouse", "pipeline", "environment", "logical_time", "trigger", "state",
         "definition_hash", "datakits", "owner", "lease_expires_at", "started_at")
       values ('w', 'p', $1, now(), 'manual', 'running', 'h', '{}', 'host:1', clock_timestamp() + $2 * interval '1 millisecond', now())
       returning "id"::text`,
      [`e${Math.random()}`, runMs],
    );
    const runId = rows[0]?.id ?? '';
    await fx.store.query(
      `insert into "datakit"."task_runs" ("run_id", "task", "kind", "state", "attempt", "max_attempts", "owner", "lease_expires_at", "started_at")
       values ($1, 'customer', 'transfer', 'running', 1, 1, 'host:1', clock_timestamp() + $2 * interval '1 millisecond', now())`,
      [runId, taskMs],
    );
    return runId;
  };
  const states = async (runId: string) => {
    const { rows } = await fx.store.query<{ run: string; task: string; error: string | null }>(
      `select r."state" as run, t."state" as task, t."error" from "datakit"."runs" r
       join "datakit"."task_runs" t on t."run_id" = r."id" where r."id" = $1`,
      [runId],
    );
    return rows[0];
  };

  it('abandons the running tasks of a run whose lease expired, though their own lease has not', async () => {
    const runId = await running(-1000, 60_000);
    expect(await reapExpired(fx.store)).toBe(1);
    const after = await states(runId);
    expect(after).toMatchObject({ run: 'abandoned', task: 'abandoned' });
    expect(after?.error).toContain('lease of its run expired');
    const { rows } = await fx.store.query<{ kind: string }>(
      `select "kind" from "datakit"."events" where "run_id" = $1 order by "id"`,
      [runId],
    );
    expect(rows.map((r) => r.kind)).toEqual(['run_abandoned', 'task_abandoned']);
  });

  it('abandons a task whose lease expired, and leaves live runs and tasks alone', async () => {
    const live = await running(60_000, 60_000);
    const lost = await running(60_000, -1000);
    await reapExpired(fx.store);
    expect(await states(live)).toMatchObject({ run: 'running', task: 'running' });
    const after = await states(lost);
    expect(after).toMatchObject({ run: 'running', task: 'abandoned' });
    expect(after?.error).toMatch(/the lease of host:1 expired at .* \(its process stopped\)/);
  });
}

describe('reapExpired [pglite]', () => reapSuite('pglite'));
await describeServer('postgres', 'reapExpired', () => reapSuite('postgres'));
