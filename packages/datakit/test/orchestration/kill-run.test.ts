import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { describeServer } from '../support/servers.js';
import { type CliProject, createCliProject } from './cli-project.js';

const ROWS = 300_000;
const bin = fileURLToPath(new URL('../../bin/datakit.js', import.meta.url));

await describeServer('postgres', 'datakit run killed with SIGKILL', () => {
  let project: CliProject;
  beforeAll(async () => {
    project = await createCliProject('postgres', ROWS);
    // 300 pauses of 50 ms: every load here takes at least 15 s, however fast the machine.
    process.env.ORCH_PACE_MS = '50';
  });
  afterAll(async () => {
    delete process.env.ORCH_PACE_MS;
    await project?.close();
  });

  it('a transfer task that times out has its load cancelled: nothing lands, the load is recorded failed', async () => {
    const started = performance.now();
    const run = await runCli(['run', 'timeboxed', '--env', 'dev', '--json'], project.dir);
    // Without the abort between batches the paced load would take 15 s.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout) as {
      tasks: { task: string; state: string; errorCode: string; error: string; loadId: string | null }[];
    };
    expect(body.tasks.find((t) => t.task === 'customer')).toMatchObject({
      state: 'failed',
      errorCode: 'TIMEOUT',
      error: 'timed out after 1500 ms',
    });
    const { rows: landed } = await project.warehouse.query<{ n: number }>(
      'select count(*)::int as n from bronze.customer',
    );
    expect(landed[0]?.n).toBe(0);
    const { rows: loads } = await project.warehouse.query<{ status: string; error: string }>(
      'select status, error from datakit.loads order by started_at desc limit 1',
    );
    expect(loads[0]).toEqual({ status: 'failed', error: 'timed out after 1500 ms' });
    const { rows: busy } = await project.warehouse.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state = 'active'`,
    );
    expect(busy[0]?.n).toBe(0);
  });

  it('leaves its tasks abandoned, never running, and a resume completes it with exactly the source rows', async () => {
    const child = spawn(process.execPath, [bin, 'run', 'nightly', '--env', 'dev', '--lease', '1'], {
      cwd: project.dir,
      env: { ...process.env, ...project.env, ORCH_HOLD_MS: '0', ORCH_FAIL_COUNT: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const runId = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const id = /run (\d+) of nightly/.exec(err)?.[1];
        if (id && err.includes('customer: started')) {
          // Let the load get going, then kill the process outright.
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve(id);
          }, 700);
        }
      });
      child.on('exit', (code) =>
        reject(new Error(`datakit run exited (${code}) before it was killed:\n${err}`)),
      );
    });
    await new Promise((resolve) => child.once('exit', resolve));

    const show = async () =>
      JSON.parse((await runCli(['runs', runId, '--json', '--env', 'dev'], project.dir)).stdout) as {
        run: { state: string; error: string };
        tasks: { task: string; state: string; attempt: number; error: string | null }[];
      };
    let detail = await show();
    expect(detail.tasks.find((t) => t.task === 'customer')?.state).toBe('running');
    for (let i = 0; i < 50 && detail.run.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      detail = await show();
    }
    expect(detail.run.state).toBe('abandoned');
    expect(detail.run.error).toContain(`resume it with datakit run --resume ${runId}`);
    const customer = detail.tasks.find((t) => t.task === 'customer');
    expect(customer).toMatchObject({ state: 'abandoned', attempt: 1 });
    expect(customer?.error).toContain('expired');
    const { rows: none } = await project.warehouse.query<{ n: number }>(
      'select count(*)::int as n from bronze.customer',
    );
    expect(none[0]?.n).toBe(0);

    const resumed = await runCli(
      ['run', 'nightly', '--env', 'dev', '--resume', runId, '--json'],
      project.dir,
    );
    expect(resumed.code).toBe(0);
    const body = JSON.parse(resumed.stdout) as {
      run: { id: string; state: string };
      tasks: { task: string; state: string; attempt: number }[];
    };
    expect(body.run).toMatchObject({ id: runId, state: 'succeeded' });
    expect(body.tasks.find((t) => t.task === 'customer')).toMatchObject({ state: 'succeeded', attempt: 2 });
    const { rows } = await project.warehouse.query<{ n: number; ids: string }>(
      'select count(*)::int as n, sum(customer_id)::text as ids from bronze.customer',
    );
    const { rows: source } = await project.source.query<{ n: number; ids: string }>(
      'select count(*)::int as n, sum(customer_id)::text as ids from crm_customer',
    );
    expect(rows[0]).toEqual(source[0]);
    expect(rows[0]?.n).toBe(ROWS);
  });
});
