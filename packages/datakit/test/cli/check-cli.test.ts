import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { readCheckResults } from '../../src/store/runs/read-check-results.js';
import { describeServer } from '../support/servers.js';
import { type CheckProject, createCheckProject } from './check-project.js';
import { runCli } from './run-cli.js';

const bin = fileURLToPath(new URL('../../bin/datakit.js', import.meta.url));

interface CheckJson {
  ok: boolean;
  warehouse: string;
  env: string;
  checkRun: string;
  verdict: string;
  counts: { pass: number; warn: number; error: number };
  checks: {
    pipeline: string;
    task: string;
    check: string;
    table: string;
    severity: string;
    status: string;
    failing: number;
    samples: Record<string, unknown>[];
  }[];
}

interface RunsJson {
  tasks: { task: string; state: string; error: string | null }[];
  checks: { task: string; check: string; severity: string; status: string; failing: number }[];
  lineage: {
    task: string;
    target: { layer: string; schema: string; table: string };
    columns: {
      column: string;
      sources: { layer: string; schema: string; table: string; column: string }[];
    }[];
  }[];
}

/** Runs the built CLI (bin/datakit.js, dist/) in a child process. */
function spawnCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function checkCliSuite(kind: 'postgres' | 'pglite') {
  let fx: CheckProject;
  beforeAll(async () => {
    fx = await createCheckProject(kind);
    await fx.warehouse.query(`insert into "bronze"."raw_a" values (1, 'a'), (2, 'b'), (3, 'c')`);
  });
  afterAll(() => fx?.close());
  const cli = (...args: string[]) => runCli(args, fx.project.dir);

  it('runs every pipeline check once, exits 0 on warnings, and records a check run with no pipeline run', async () => {
    const result = await cli('check', '--env', 'dev', '--json');
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as CheckJson;
    expect(body).toMatchObject({
      ok: true,
      warehouse: 'main',
      env: 'dev',
      verdict: 'warn',
      counts: { pass: 3, warn: 1, error: 0 },
    });
    expect(body.checks.map((c) => [c.pipeline, c.task, c.check, c.status, c.failing])).toEqual([
      ['nightly', 'check-raw', 'big-ids', 'pass', 0],
      ['nightly', 'check-raw', 'odd-ids', 'warn', 2],
      ['nightly', 'check-mart', 'not-null(gold.mart.id)', 'pass', 0],
      ['nightly', 'check-mart', 'unique(gold.mart.id)', 'pass', 0],
    ]);
    expect(body.checks[1]).toMatchObject({ table: 'bronze.raw_a', severity: 'warn' });
    expect(body.checks[1]?.samples).toEqual([{ id: 1 }, { id: 3 }]);
    const stored = await readCheckResults(fx.warehouse, { checkRun: body.checkRun });
    expect(stored.map((r) => [r.pipeline, r.task, r.check, r.status])).toEqual(
      body.checks.map((c) => [c.pipeline, c.task, c.check, c.status]),
    );
    const { rows } = await fx.warehouse.query<{ verdict: string; orphans: number }>(
      `select c.verdict, (select count(*)::int from datakit.quality_results q where q.check_run_id = c.id and q.run_id is null) as orphans
       from datakit.check_runs c where c.id = $1`,
      [body.checkRun],
    );
    expect(rows[0]).toEqual({ verdict: 'warn', orphans: 4 });
  });

  it('a failing error check exits 1 and prints the table with sample rows', async () => {
    await fx.warehouse.query(`insert into "bronze"."raw_a" values (101, 'big')`);
    try {
      const result = await cli('check', '--env', 'dev');
      expect(result.code).toBe(1);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toMatch(/^check\s+table\s+severity\s+failing\s+status$/);
      expect(lines).toContainEqual(expect.stringMatching(/^big-ids\s+bronze\.raw_a\s+error\s+1\s+error$/));
      expect(lines).toContainEqual(expect.stringMatching(/^odd-ids\s+bronze\.raw_a\s+warn\s+3\s+warn$/));
      expect(result.stdout).toContain(
        'error  big-ids on bronze.raw_a: 1 failing row(s) (errorIf > 0)\n  {"id":101,"label":"big"}',
      );
      expect(result.stdout).toMatch(/4 checks: 2 pass, 1 warn, 1 error \(check run \d+/);
    } finally {
      await fx.warehouse.query(`delete from "bronze"."raw_a" where id = 101`);
    }
  });

  it('--pipeline runs only the checks of that pipeline; unknown or check-less pipelines exit 2', async () => {
    const hourly = JSON.parse((await cli('check', '--pipeline', 'hourly', '--json')).stdout) as CheckJson;
    expect(hourly.checks.map((c) => [c.pipeline, c.check])).toEqual([['hourly', 'big-ids']]);
    const typo = await cli('check', '--pipeline', 'nightli');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean "nightly"?');
    const plain = await cli('check', '--pipeline', 'plain', '--json');
    expect(plain.code).toBe(2);
    expect(JSON.parse(plain.stdout)).toMatchObject({
      ok: false,
      error: { code: 'USAGE', message: 'Pipeline "plain" declares no quality checks' },
    });
    expect((await cli('check', '--samples', 'many')).code).toBe(2);
    const help = await cli('check', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('$ npx datakit check --env prod --pipeline nightly');
  });

  it('runs <id> shows the checks of a run, and the lineage of its SQL transform; an error check blocks the transform', async () => {
    await fx.warehouse.query(`insert into "bronze"."raw_a" values (101, 'big')`);
    const blocked = await cli('run', 'nightly', '--env', 'dev', '--json');
    await fx.warehouse.query(`delete from "bronze"."raw_a" where id = 101`);
    expect(blocked.code).toBe(1);
    const failedId = (JSON.parse(blocked.stdout) as { run: { id: string } }).run.id;
    const failed = JSON.parse((await cli('runs', failedId, '--json')).stdout) as RunsJson;
    expect(failed.tasks.map((t) => [t.task, t.state])).toEqual([
      ['check-raw', 'failed'],
      ['build-mart', 'upstream_failed'],
      ['check-mart', 'upstream_failed'],
    ]);
    expect(failed.tasks[1]?.error).toContain(
      'blocked by quality task "check-raw": 1 quality check(s) in error: big-ids',
    );
    expect(failed.checks.map((c) => [c.task, c.check, c.severity, c.status, c.failing])).toEqual([
      ['check-raw', 'big-ids', 'error', 'error', 1],
      ['check-raw', 'odd-ids', 'warn', 'warn', 3],
    ]);
    expect(failed.lineage).toEqual([]);
    const failedText = await cli('runs', failedId);
    expect(failedText.stdout).toContain('quality checks:');
    expect(failedText.stdout).toMatch(/check-raw\s+big-ids\s+bronze\.raw_a\s+error\s+1\s+error/);

    const ok = await cli('run', 'nightly', '--env', 'dev', '--json');
    expect(ok.code).toBe(0);
    const okId = (JSON.parse(ok.stdout) as { run: { id: string } }).run.id;
    const detail = JSON.parse((await cli('runs', okId, '--json')).stdout) as RunsJson;
    expect(detail.checks.map((c) => [c.task, c.check, c.status])).toEqual([
      ['check-raw', 'big-ids', 'pass'],
      ['check-raw', 'odd-ids', 'warn'],
      ['check-mart', 'not-null(gold.mart.id)', 'pass'],
      ['check-mart', 'unique(gold.mart.id)', 'pass'],
    ]);
    const raw = (column: string) => ({ layer: 'bronze', schema: 'bronze', table: 'raw_a', column });
    expect(detail.lineage).toEqual([
      {
        task: 'build-mart',
        target: { layer: 'gold', schema: 'gold', table: 'mart' },
        columns: [
          { column: 'id', sources: [raw('id')] },
          { column: 'label', sources: [raw('label')] },
        ],
        filters: [],
      },
    ]);
    const text = (await cli('runs', okId)).stdout;
    expect(text).toContain(
      'column lineage:\ngold.mart (task build-mart)\n  id <- bronze.raw_a.id\n  label <- bronze.raw_a.label',
    );
  });

  it('the built CLI (bin/datakit.js) runs the checks with the same exit codes', async () => {
    await fx.warehouse.query(`insert into "bronze"."raw_a" values (101, 'big')`);
    fx.useLibrary('built');
    // One process at a time on a PGlite directory: the test's own connection steps aside.
    if (kind === 'pglite') await fx.warehouse.close();
    try {
      const failing = await spawnCli(['check', '--env', 'dev', '--json'], fx.project.dir);
      expect(failing.stderr).toBe('');
      expect(failing.code).toBe(1);
      expect(JSON.parse(failing.stdout)).toMatchObject({ ok: false, verdict: 'error', counts: { error: 1 } });
      const usage = await spawnCli(['check', '--pipeline', 'plain'], fx.project.dir);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('Pipeline "plain" declares no quality checks');
    } finally {
      fx.useLibrary('source');
      if (kind === 'pglite') fx.warehouse = await connect(fx.url);
      await fx.warehouse.query(`delete from "bronze"."raw_a" where id = 101`);
    }
  });
}

describe('datakit check [pglite]', () => checkCliSuite('pglite'));
await describeServer('postgres', 'datakit check', () => checkCliSuite('postgres'));
