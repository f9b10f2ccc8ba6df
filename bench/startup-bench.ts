/**
 * CLI start-up benchmark: the wall time of `datakit` commands that do (almost) nothing, as a user
 * pays it on every call. Each command runs `--runs` times (default 15) as `node bin/datakit.js`,
 * which is what the `datakit` bin (and `npx datakit`, plus npm's own start-up) runs; the median
 * is compared with the goal.
 *
 *   npm run bench:startup -- [--runs 15] [--only help]
 *
 * Uses the built package (`npm run build` first). `<command> --help` runs for every command: it
 * should cost no more than `datakit --help` (no driver or config loading). The no-op commands run
 * on the example warehouse: `config` loads and checks datakit.config.ts (TypeScript) and resolves
 * the URLs; `deploy --plan` on a warehouse that is already deployed loads the config, opens the
 * warehouse, introspects it, compares and prints "No changes" — on PGlite (`--env dev`: PGlite
 * starting on its data directory and running the catalog queries take most of the time) and on
 * PostgreSQL (`--env pg`, in the database `datakit_startup_bench` created from DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres, dropped after; skipped when no server
 * answers). The last line of output is JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../packages/datakit/src/cli/main.js';
import { connect } from '../packages/datakit/src/dialect/connect.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = option('runs', 15);
// `--only help` runs the `--help` cases alone (no database needed).
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const repo = path.resolve(import.meta.dirname, '..');
const bin = path.join(repo, 'packages/datakit/bin/datakit.js');
// A project inside the repository (so `datakit-warehouse` resolves) whose config is the example warehouse.
const project = path.join(repo, 'bench/.startup');

interface Case {
  name: string;
  args: string[];
  goalMs: number;
}

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pgUrl = Object.assign(new URL(adminUrl), { pathname: '/datakit_startup_bench' }).toString();
const pg = only === 'help' ? undefined : await connect(adminUrl).catch(() => undefined);
if (pg) {
  await pg.query('drop database if exists datakit_startup_bench');
  await pg.query('create database datakit_startup_bench');
}

const HELP_CASES: Case[] = [
  { name: 'datakit --help', args: ['--help'], goalMs: 300 },
  { name: 'datakit --version', args: ['--version'], goalMs: 300 },
  ...COMMANDS.map((command) => ({
    name: `datakit ${command.name} --help`,
    args: [command.name, '--help'],
    goalMs: 300,
  })),
];
const NO_OP_CASES: Case[] = [
  {
    name: 'datakit config --env dev (load and check the config)',
    args: ['config', '--env', 'dev'],
    goalMs: 1000,
  },
  ...(pg
    ? [
        {
          name: 'datakit deploy --plan --env pg (no changes, PostgreSQL)',
          args: ['deploy', '--plan', '--env', 'pg'],
          goalMs: 1000,
        },
      ]
    : []),
  {
    name: 'datakit deploy --plan --env dev (no changes, PGlite)',
    args: ['deploy', '--plan', '--env', 'dev'],
    goalMs: 1000,
  },
];
const CASES = only === 'help' ? HELP_CASES : [...HELP_CASES, ...NO_OP_CASES];

/** One run: wall time, and the CPU time (user + system) the process used, which a busy machine disturbs less. */
function datakit(argv: string[]): { ms: number; cpuMs: number; status: number | null; out: string } {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '\n%U %S', process.execPath, bin, ...argv], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, DATAKIT_BENCH_PG_URL: pgUrl },
  });
  const ms = performance.now() - started;
  const [user, sys] = (/\n([\d.]+) ([\d.]+)\s*$/.exec(r.stderr)?.slice(1) ?? ['0', '0']).map(Number);
  return { ms, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000, status: r.status, out: `${r.stdout}${r.stderr}` };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

rmSync(project, { recursive: true, force: true });
mkdirSync(project, { recursive: true });
writeFileSync(
  path.join(project, 'datakit.config.ts'),
  [
    "import example from '../../examples/warehouse/datakit.config.js';",
    '',
    'const demo = example.warehouses.demo as NonNullable<(typeof example.warehouses)[string]>;',
    'export default {',
    '  ...example,',
    '  warehouses: {',
    "    demo: { ...demo, environments: { ...demo.environments, pg: { url: '${env:DATAKIT_BENCH_PG_URL}' } } },",
    '  },',
    '};',
    '',
  ].join('\n'),
);
for (const env of only === 'help' ? [] : pg ? ['dev', 'pg'] : ['dev']) {
  const deployed = datakit(['deploy', '--env', env]);
  if (deployed.status !== 0) throw new Error(`setup: deploy --env ${env} failed\n${deployed.out}`);
}

const load = (await import('node:os')).loadavg()[0]?.toFixed(1);
console.log(
  `load average ${load} on ${(await import('node:os')).cpus().length} cores: wall times grow with it, CPU times less so.`,
);
const results = CASES.map((c) => {
  datakit(c.args); // warm the file system cache and tsx's transform cache
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = datakit(c.args);
    if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}\n${r.out}`);
    if (c.args[0] === 'deploy' && c.args[1] === '--plan' && !r.out.includes('No changes')) {
      throw new Error(`${c.name} is not a no-op:\n${r.out}`);
    }
    times.push(r.ms);
    cpu.push(r.cpuMs);
  }
  const ms = Math.round(median(times));
  const cpuMs = Math.round(median(cpu));
  const line = `${c.name.padEnd(56)} median ${String(ms).padStart(5)} ms  (min ${Math.round(Math.min(...times))}, max ${Math.round(Math.max(...times))}; CPU ${cpuMs} ms; goal < ${c.goalMs} ms) ${ms < c.goalMs ? 'ok' : 'OVER'}`;
  console.log(line);
  return {
    name: c.name,
    medianMs: ms,
    minMs: Math.round(Math.min(...times)),
    cpuMs,
    goalMs: c.goalMs,
    ok: ms < c.goalMs,
  };
});
rmSync(project, { recursive: true, force: true });
if (pg) {
  await pg.query('drop database if exists datakit_startup_bench with (force)');
  await pg.close();
}
console.log(
  JSON.stringify({ bench: 'startup', runs: RUNS, node: process.version, loadAverage: Number(load), results }),
);
