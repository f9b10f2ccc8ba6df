import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRejectsProject, HOSTILE_EMAIL } from './rejects-project.js';
import type { TempProject } from './temp-project.js';

// The built CLI, as a user runs it (`npm run build` first), one process at a time on the PGlite directory.
const bin = fileURLToPath(new URL('../../bin/datakit.js', import.meta.url));

function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field, 'the last record ends with CRLF').toBe('');
  return records;
}

interface RejectJson {
  loadId: string;
  transfer: string;
  runId: string | null;
  stage: string;
  rule: string;
  column: string | null;
  key: string | null;
  value: unknown;
  message: string;
  row: Record<string, unknown>;
}

describe('datakit rejects (built CLI, PGlite warehouse)', () => {
  let project: TempProject;
  let run: (...args: string[]) => ReturnType<typeof cli>;
  let firstLoad: string;
  let runId: string;

  beforeAll(async () => {
    project = await createRejectsProject();
    run = (...args) => cli(project.dir, ...args);
    const deployed = await run('deploy');
    if (deployed.code !== 0) throw new Error(`deploy failed:\n${deployed.stderr}${deployed.stdout}`);
  });
  afterAll(() => project?.remove());

  it('a transfer with rejects names the command that shows them, and the command shows them (exit 0)', async () => {
    const transfer = await run('transfer', 'customer');
    expect(transfer.code).toBe(0);
    const warning =
      /warning: customer: 2 of 20 rows rejected \(within maxRejects\); see them with: datakit rejects --load ([0-9a-f-]{36})\n/.exec(
        transfer.stderr,
      );
    expect(warning, transfer.stderr).not.toBeNull();
    expect(transfer.stderr).not.toContain('select *');
    firstLoad = warning?.[1] as string;

    const shown = await run('rejects', '--load', firstLoad);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toBe('');
    const lines = shown.stdout.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^bronze\\.customer ← crm\\.customer \\(crm\\): transfer customer of run \\d+, load ${firstLoad}, \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, succeeded; 2 rows rejected$`,
      ),
    );
    expect(lines[1]).toMatch(/^ {2}key\s+stage\s+rule\s+column\s+value\s+reason\s+row$/);
    expect(lines[2]).toMatch(
      /^ {2}customer_id=3\s+transform\s+transform\s+-\s+-\s+the transform threw: cannot transform BOOM\s+\{"email":"c3@example.com","full_name":"BOOM",/,
    );
    expect(lines[3]).toMatch(
      /^ {2}customer_id=9\s+target\s+max-length:40\s+email\s+"<script>alert\(\\"x\\"\)<\/script…\s+column "email" has 62 characters, more than varchar\(40\) all…\s+\{"email":"<script>/,
    );
    // The value's line break and markup stay inside their cells: no line of output starts with the value's second line.
    expect(lines.some((l) => l.startsWith('second-line'))).toBe(false);
    expect([...shown.stdout].filter((c) => c !== '\n' && c < ' ')).toEqual([]);
    expect(shown.stdout).toContain(
      'Long cells are cut (…): --json or --csv print every reason and row in full.',
    );
  });

  it('--run --json: the loads of the run (a transfer and a SQL transform) and every reject in full', async () => {
    const pipeline = await run('run', 'nightly', '--json');
    expect(pipeline.code).toBe(0);
    runId = (JSON.parse(pipeline.stdout) as { run: { id: string } }).run.id;

    const { code, stdout } = await run('rejects', '--run', runId, '--json');
    expect(code).toBe(0);
    const body = JSON.parse(stdout) as {
      ok: boolean;
      loads: { name: string; kind: string; runId: string; targetTable: string; stored: number }[];
      rejects: RejectJson[];
      shown: number;
      total: number;
      more: number;
    };
    expect(body).toMatchObject({ ok: true, warehouse: 'shop', env: 'dev', shown: 4, total: 4, more: 0 });
    expect(body.loads.map((l) => [l.name, l.kind, l.runId, l.targetTable, l.stored])).toEqual([
      ['customer', 'transfer', runId, 'bronze.customer', 2],
      ['silver.customer', 'sql', runId, 'silver.customer', 2],
    ]);
    expect(body.rejects.map((r) => [r.transfer, r.key, r.stage, r.rule, r.column])).toEqual([
      ['customer', 'customer_id=3', 'transform', 'transform', null],
      ['customer', 'customer_id=9', 'target', 'max-length:40', 'email'],
      ['silver.customer', 'id=12', 'transform', 'email-present', 'email'],
      ['silver.customer', 'id=15', 'transform', 'email-present', 'email'],
    ]);
    const hostile = body.rejects[1] as RejectJson;
    expect(hostile.value).toBe(HOSTILE_EMAIL);
    expect(hostile.row).toEqual({ customer_id: 9, full_name: 'Customer 9', email: HOSTILE_EMAIL });
    expect(hostile.runId).toBe(runId);
    expect(body.rejects[2]?.message).toBe('silver.customer: the customer has no email (key id=12)');
  });

  it('--csv: a header, then one RFC 4180 record per reject; values come back whole', async () => {
    const { code, stdout } = await run('rejects', '--run', runId, '--csv');
    expect(code).toBe(0);
    const [header, ...records] = parseCsv(stdout);
    expect(header).toEqual([
      'load_id',
      'transfer',
      'run_id',
      'source_table',
      'target_table',
      'stage',
      'rule',
      'column',
      'key',
      'value',
      'row_number',
      'message',
      'hint',
      'row',
      'datakit',
      'datakit_version',
      'at',
    ]);
    expect(records).toHaveLength(4);
    const field = (record: string[] | undefined, name: string) => record?.[header?.indexOf(name) ?? -1];
    const hostile = records.find((r) => field(r, 'key') === 'customer_id=9');
    expect(field(hostile, 'value')).toBe(HOSTILE_EMAIL);
    expect(JSON.parse(field(hostile, 'row') ?? '')).toMatchObject({ email: HOSTILE_EMAIL });
    expect(field(hostile, 'message')).toContain('column "email" has 62 characters');
    expect(field(hostile, 'row_number')).toBe('9');
    expect(records.map((r) => field(r, 'transfer'))).toEqual([
      'customer',
      'customer',
      'silver.customer',
      'silver.customer',
    ]);
  });

  it('by default the latest load of each transfer and SQL transform; --transfer --all every load; past --limit a line says how many more', async () => {
    const latest = await run('rejects');
    expect(latest.code).toBe(0);
    expect(latest.stdout).toMatch(
      /^silver\.customer ← bronze\.customer: SQL transform silver\.customer of run \d+, load /m,
    );
    expect(latest.stdout).toMatch(
      /^bronze\.customer ← crm\.customer \(crm\): transfer customer of run \d+, load /m,
    );
    expect(latest.stdout).not.toContain(firstLoad);

    const every = await run('rejects', '--transfer', 'customer', '--all', '--limit', '3');
    expect(every.code).toBe(0);
    expect(every.stdout).toContain(`load ${firstLoad}`);
    expect(every.stdout.match(/customer_id=\d/g)).toHaveLength(3);
    expect(every.stdout).toContain('Showing 3 of 4 rejected rows: 1 more; --limit 4 shows them all.');

    const csv = await run('rejects', '--transfer', 'customer', '--all', '--csv', '--limit', '1');
    expect(parseCsv(csv.stdout)).toHaveLength(2);
    expect(csv.stderr).toContain('3 more rejected rows not shown: --limit 4 prints them all.');
    const json = JSON.parse((await run('rejects', '--all', '--json', '--limit', '2')).stdout);
    expect(json).toMatchObject({ shown: 2, total: 6, more: 4 });
  });

  it('usage errors exit 2 with a hint: malformed or unknown ids and names, conflicting flags', async () => {
    const cases: [string[], string][] = [
      [['--load', 'nope'], '--load "nope" is not a load id'],
      [
        ['--load', '0f8fad5b-d9cb-469f-a165-70867728950e'],
        'No load 0f8fad5b-d9cb-469f-a165-70867728950e in warehouse "shop" (dev)',
      ],
      [['--transfer', 'custmer'], 'Did you mean "customer"?'],
      [['--run', '9999'], 'No run 9999 in warehouse "shop" (dev)'],
      [['--run', '1; drop table x'], 'is not a run id'],
      [['--load', firstLoad, '--transfer', 'customer'], '--load and --transfer cannot be combined'],
      [['--all', '--load', firstLoad], '--all goes with --transfer'],
      [['--csv', '--json'], '--json and --csv cannot be combined'],
      [['--limit', '0'], '--limit 0 is not a positive whole number'],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await run('rejects', ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr + stdout, args.join(' ')).toContain(message);
    }
    const help = await run('rejects', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('$ npx datakit rejects --run 42 --json');
    expect(help.stdout).toContain('Exit codes: 0 it ran');
  });

  it('a failure exits 1 and names the warehouse without its password', async () => {
    project.write(
      'closed.config.ts',
      `export default { warehouses: { shop: { layers: {}, environments: {
        dev: { url: 'postgres://etl:s3cret-pw@127.0.0.1:1/dw' } } } } };\n`,
    );
    const closed = await run('rejects', '--config', 'closed.config.ts');
    expect(closed.code).toBe(1);
    expect(closed.stderr).toContain('127.0.0.1:1');
    expect(closed.stderr).not.toContain('s3cret');
    project.write(
      'empty.config.ts',
      `export default { warehouses: { shop: { layers: {}, environments: {
        dev: { url: 'pglite://${path.join(project.dir, 'empty')}' } } } } };\n`,
    );
    const empty = await run('rejects', '--config', 'empty.config.ts');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('has no run store');
    expect(empty.stderr).toContain('datakit deploy');
  });
});
