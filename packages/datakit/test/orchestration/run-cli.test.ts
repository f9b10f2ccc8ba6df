import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { describeServer } from '../support/servers.js';
import { type CliProject, createCliProject } from './cli-project.js';

const ROWS = 500;

function cliSuite(kind: 'postgres' | 'pglite') {
  let project: CliProject;
  beforeAll(async () => {
    project = await createCliProject(kind, ROWS);
  });
  afterAll(() => project?.close());
  const cli = (...args: string[]) => runCli(args, project.dir);

  test('datakit run runs the DAG, prints a summary and records the run; datakit runs lists and shows it', async () => {
    const run = await cli('run', 'nightly', '--env', 'dev');
    expect(run.stderr).toContain('customer: succeeded');
    expect(run.stderr).toContain(`count: counted ${ROWS} customers`);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/customer\s+succeeded\s+1\s+[\d.]+ m?s\s+500\s+500\s+0\s+0/);
    expect(run.stdout).toMatch(
      /run \d+ nightly\/dev .* \(manual\): succeeded in .* \(3 tasks: 3 succeeded\)/,
    );
    const id = /run (\d+) nightly/.exec(run.stdout)?.[1] ?? '';
    const list = JSON.parse((await cli('runs', '--json')).stdout) as {
      runs: { run: { id: string; state: string }; tasks: Record<string, number> }[];
    };
    expect(list.runs[0]).toMatchObject({ run: { id, state: 'succeeded' }, tasks: { succeeded: 3 } });
    const detail = await cli('runs', id);
    expect(detail.code).toBe(0);
    expect(detail.stdout).toContain('datakits bronze@1.0.0, crm@1.2.0, gold@2.0.0');
    const { rows } = await project.warehouse.query<{ n: number }>(
      'select count(*)::int as n from bronze.customer',
    );
    expect(rows[0]?.n).toBe(ROWS);
  });

  test('a failed task exits 1, and --resume re-runs only what failed, at the same logical time', async () => {
    process.env.ORCH_FAIL_COUNT = '1';
    const failed = await cli(
      'run',
      'nightly',
      '--env',
      'dev',
      '--json',
      '--logical-time',
      '2024-05-01T02:00:00Z',
    );
    process.env.ORCH_FAIL_COUNT = '0';
    expect(failed.code).toBe(1);
    const body = JSON.parse(failed.stdout) as {
      ok: boolean;
      run: { id: string };
      tasks: { task: string; state: string; error: string }[];
    };
    expect(body.ok).toBe(false);
    expect(body.tasks.map((t) => [t.task, t.state])).toEqual([
      ['customer', 'succeeded'],
      ['count', 'failed'],
      ['hold', 'succeeded'],
    ]);
    expect(body.tasks[1]?.error).toBe('count failed on purpose');
    const resumed = await cli('run', 'nightly', '--env', 'dev', '--json', '--resume', body.run.id);
    expect(resumed.code).toBe(0);
    const after = JSON.parse(resumed.stdout) as {
      run: { id: string; logicalTime: string };
      tasks: { task: string; attempt: number }[];
    };
    expect(after.run).toMatchObject({ id: body.run.id, logicalTime: '2024-05-01T02:00:00.000Z' });
    expect(after.tasks.map((t) => [t.task, t.attempt])).toEqual([
      ['customer', 1],
      ['count', 2],
      ['hold', 1],
    ]);
    const { rows } = await project.warehouse.query<{ n: number }>(
      'select count(*)::int as n from bronze.customer',
    );
    expect(rows[0]?.n).toBe(ROWS);
    const again = await cli('run', 'nightly', '--env', 'dev', '--resume', body.run.id);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Run ${body.run.id} succeeded: there is nothing to resume`);
  });

  test('breaking drift stops the run before any row moves, naming table, column and fix', async () => {
    await project.source.query('alter table crm_customer drop column full_name');
    try {
      const { rows: before } = await project.warehouse.query<{ n: number }>(
        'select count(*)::int as n from bronze.customer',
      );
      const run = await cli('run', 'nightly', '--env', 'dev');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Breaking drift');
      expect(run.stderr).toContain('full_name');
      expect(run.stderr).toContain('fix:');
      const { rows: after } = await project.warehouse.query<{ n: number }>(
        'select count(*)::int as n from bronze.customer',
      );
      expect(after).toEqual(before);
      const last = JSON.parse((await cli('runs', '--json', '--limit', '1')).stdout) as {
        runs: { run: { state: string; error: string }; tasks: Record<string, number> }[];
      };
      expect(last.runs[0]).toMatchObject({ run: { state: 'failed' }, tasks: { cancelled: 3 } });
      expect(last.runs[0]?.run.error).toContain('Breaking drift');
    } finally {
      await project.source.query(`alter table crm_customer add column full_name text not null default 'x'`);
    }
  });

  test('a second run of the pipeline is refused naming the run that holds it; with --wait it waits', async () => {
    process.env.ORCH_HOLD_MS = '2000';
    try {
      const first = cli('run', 'nightly', '--env', 'dev', '--json');
      let holder: string | undefined;
      for (let i = 0; i < 100 && !holder; i++) {
        const { rows } = await project.warehouse.query<{ id: string }>(
          `select id from datakit.runs where state = 'running'`,
        );
        holder = rows[0]?.id;
        if (!holder) await new Promise((r) => setTimeout(r, 50));
      }
      const refused = await cli('run', 'nightly', '--env', 'dev');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `Pipeline "nightly" is already running in environment "dev": run ${holder} (manual`,
      );
      expect(refused.stderr).toContain(
        'fix: Wait for it (add --wait), or allow more runs at once with maxActiveRuns: 2',
      );
      const waited = cli('run', 'nightly', '--env', 'dev', '--wait', '--json');
      const [a, b] = await Promise.all([first, waited]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const runA = JSON.parse(a.stdout) as { run: { id: string; endedAt: string } };
      const runB = JSON.parse(b.stdout) as { run: { id: string; startedAt: string } };
      expect(runA.run.id).toBe(holder);
      expect(new Date(runB.run.startedAt).getTime()).toBeGreaterThanOrEqual(
        new Date(runA.run.endedAt).getTime(),
      );
    } finally {
      process.env.ORCH_HOLD_MS = '0';
    }
  });

  test('datakit runs <unknown id> is a usage error', async () => {
    const shown = await cli('runs', '999999');
    expect(shown.code).toBe(2);
    expect(shown.stderr).toContain('No run 999999 in warehouse "main"');
  });
}

describe('datakit run / runs [pglite]', () => cliSuite('pglite'));
await describeServer('postgres', 'datakit run / runs', () => cliSuite('postgres'));
