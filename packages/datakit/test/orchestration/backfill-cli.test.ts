import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { describeServer } from '../support/servers.js';
import { type CliProject, createCliProject } from './cli-project.js';

interface PlanJson {
  plan: { logicalTime: string; run?: { id: string; state: string }; action: string }[];
  runs?: { run: { id: string; logicalTime: string; trigger: string; state: string } }[];
}

function backfillSuite(kind: 'postgres' | 'pglite') {
  let project: CliProject;
  beforeAll(async () => {
    project = await createCliProject(kind, 50);
  });
  afterAll(() => project?.close());
  const backfill = async (...args: string[]) => {
    const r = await runCli(['backfill', 'nightly', '--env', 'dev', '--json', ...args], project.dir);
    return { code: r.code, body: JSON.parse(r.stdout) as PlanJson, stderr: r.stderr };
  };
  const actions = (body: PlanJson) =>
    body.plan.map((s) => `${s.logicalTime.slice(0, 10)} ${s.run?.state ?? '-'} ${s.action}`);
  const runTimes = async () => {
    const { rows } = await project.warehouse.query<{ t: Date }>(
      `select logical_time as t from datakit.runs where trigger <> 'manual' order by 1`,
    );
    return rows.map((r) => new Date(r.t).toISOString());
  };

  test('a dry run shows the plan and creates nothing', async () => {
    const { code, body } = await backfill('--from', '2024-05-01', '--to', '2024-05-03', '--dry-run');
    expect(code).toBe(0);
    expect(actions(body)).toEqual(['2024-05-01 - create', '2024-05-02 - create', '2024-05-03 - create']);
    expect(await runTimes()).toEqual([]);
  });

  test('creates exactly one run per tick of the range, skips succeeded ones unless --reprocess', async () => {
    const first = await backfill('--from', '2024-05-01', '--to', '2024-05-03', '--max-active-runs', '2');
    expect(first.code).toBe(0);
    expect(first.body.runs?.map((r) => [r.run.logicalTime, r.run.trigger, r.run.state])).toEqual([
      ['2024-05-01T02:00:00.000Z', 'backfill', 'succeeded'],
      ['2024-05-02T02:00:00.000Z', 'backfill', 'succeeded'],
      ['2024-05-03T02:00:00.000Z', 'backfill', 'succeeded'],
    ]);
    process.env.ORCH_FAIL_COUNT = '1';
    const failing = await backfill('--from', '2024-05-02', '--to', '2024-05-02', '--reprocess', 'all');
    process.env.ORCH_FAIL_COUNT = '0';
    expect(failing.code).toBe(1);
    expect(actions(failing.body)).toEqual(['2024-05-02 succeeded rerun']);
    expect(failing.body.runs?.[0]?.run.state).toBe('failed');
    const plan = await backfill('--from', '2024-05-01', '--to', '2024-05-04', '--dry-run');
    expect(actions(plan.body)).toEqual([
      '2024-05-01 succeeded skip',
      '2024-05-02 failed resume',
      '2024-05-03 succeeded skip',
      '2024-05-04 - create',
    ]);
    expect(
      actions(
        (await backfill('--from', '2024-05-01', '--to', '2024-05-04', '--dry-run', '--reprocess', 'none'))
          .body,
      ),
    ).toEqual([
      '2024-05-01 succeeded skip',
      '2024-05-02 failed skip',
      '2024-05-03 succeeded skip',
      '2024-05-04 - create',
    ]);
    const second = await backfill('--from', '2024-05-01', '--to', '2024-05-04');
    expect(second.code).toBe(0);
    expect(second.body.runs?.map((r) => [r.run.id, r.run.logicalTime.slice(0, 10), r.run.state])).toEqual([
      [failing.body.runs?.[0]?.run.id, '2024-05-02', 'succeeded'],
      [expect.any(String), '2024-05-04', 'succeeded'],
    ]);
    expect(await runTimes()).toEqual(['01', '02', '03', '04'].map((d) => `2024-05-${d}T02:00:00.000Z`));
    const all = await backfill(
      '--from',
      '2024-05-01',
      '--to',
      '2024-05-04',
      '--dry-run',
      '--reprocess',
      'all',
    );
    expect(all.body.plan.every((s) => s.action === 'rerun')).toBe(true);
  });

  test('the human plan names each logical time and why it runs or not', async () => {
    const r = await runCli(
      ['backfill', 'nightly', '--env', 'dev', '--from', '2024-05-04', '--to', '2024-05-05', '--dry-run'],
      project.dir,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'backfill nightly/dev: 2 logical time(s) of "0 2 * * *" (UTC), 1 to run, 1 skipped',
    );
    expect(r.stderr).toMatch(/2024-05-04T02:00:00.000Z\s+\d+\s+succeeded\s+skip\s+succeeded/);
    expect(r.stderr).toMatch(/2024-05-05T02:00:00.000Z\s+-\s+-\s+create\s+no run yet/);
  });
}

describe('datakit backfill [pglite]', () => backfillSuite('pglite'));
await describeServer('postgres', 'datakit backfill', () => backfillSuite('postgres'));
