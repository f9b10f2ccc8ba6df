/**
 * Orchestration benchmark: the runner's own cost per task, and load-time validation of a big DAG.
 *
 *   npm run bench:dag -- [--tasks 1000] [--concurrency 8] [--validate 10000]
 *
 * 1. A DAG of no-op tasks (chains fed by tables, so edges come from data) run in process on
 *    PostgreSQL, once one task at a time and once with `--concurrency` tasks at once. Every task
 *    claims its task run (a lease), records its end and two events: the per-task figure (total
 *    time / tasks) includes these run-store writes. Goal: under 5 ms a task. Recording a task's
 *    end is a durable commit, so one at a time a task costs at least one fsync: the bench prints
 *    that latency too.
 * 2. Loading a config with a `--validate`-task pipeline: the config schema plus the DAG compile
 *    (tables resolved, edges derived, cycle check). Goal: under 1 s for 10,000 tasks.
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is only used to create and drop
 * the benchmark's own database. The last line of output is JSON.
 */
import { randomBytes } from 'node:crypto';
import { integer, pgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { WarehouseConfig } from '../packages/datakit/src/config/define-config.js';
import { validateConfig } from '../packages/datakit/src/config/load-config.js';
import type { TaskConfig } from '../packages/datakit/src/config/pipeline-config.js';
import { defineDatakit } from '../packages/datakit/src/contract/define-datakit.js';
import { connect } from '../packages/datakit/src/dialect/connect.js';
import { compilePipeline } from '../packages/datakit/src/orchestration/dag/compile-pipeline.js';
import { validatePipelines } from '../packages/datakit/src/orchestration/dag/validate-pipelines.js';
import { runPipeline } from '../packages/datakit/src/orchestration/execute/run-pipeline.js';
import { migrateStore } from '../packages/datakit/src/store/migrate-store.js';
import { option } from './support/bench-kit.js';

const TASKS = option('tasks', 1000);
const CONCURRENCY = option('concurrency', 8);
const VALIDATE = option('validate', 10_000);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `datakit_dag_bench_${randomBytes(3).toString('hex')}`;

/** `n` tasks: `feeds` loaders each write a table; every other task reads one and follows the task `feeds` before it. */
function warehouse(n: number, feeds: number): WarehouseConfig {
  const tables = Object.fromEntries(
    Array.from({ length: feeds }, (_, i) => [`t${i}`, pgTable(`t${i}`, { id: integer().primaryKey() })]),
  );
  const bronze = defineDatakit({ name: 'bench', version: '1.0.0', layer: 'bronze', tables });
  const noop = async () => {};
  const tasks: TaskConfig[] = Array.from({ length: n }, (_, i) => {
    const table = tables[`t${i % feeds}`] as (typeof tables)[string];
    if (i < feeds) return { name: `load-${i}`, writes: [table], run: noop };
    return {
      name: `task-${i}`,
      reads: [table],
      after: [i - feeds < feeds ? `load-${i - feeds}` : `task-${i - feeds}`],
      run: noop,
    };
  });
  return {
    layers: { bronze: { datakits: [bronze] } },
    environments: { bench: { url: 'postgres://unused' } },
    pipelines: { bench: { concurrency: CONCURRENCY, tasks } },
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function runDag(url: string, concurrency: number) {
  const config = warehouse(TASKS, Math.min(50, Math.floor(TASKS / 10)));
  const bench = config.pipelines?.bench;
  if (bench) config.pipelines = { bench: { ...bench, concurrency } };
  const pipeline = compilePipeline(config, 'bench', 'bench');
  const store = await connect(url);
  try {
    const started = performance.now();
    const result = await runPipeline({
      pipeline,
      environment: `c${concurrency}`,
      store,
      endpoints: { warehouse: url, sources: {} },
    });
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(`bench run ${result.run.id} did not succeed`);
    const { rows } = await store.query<{ n: number }>(
      'select count(*)::int as n from datakit.events where run_id = $1',
      [result.run.id],
    );
    return {
      concurrency,
      tasks: TASKS,
      totalMs: Math.round(ms),
      perTaskMs: ms / TASKS,
      events: rows[0]?.n ?? 0,
    };
  } finally {
    await store.close();
  }
}

/** The latency of one durable commit on this server: the floor of a task's run-store writes. */
async function commitMs(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create table commit_probe (a int)');
    const started = performance.now();
    for (let i = 0; i < 100; i++) await client.query('insert into commit_probe values (1)');
    return (performance.now() - started) / 100;
  } finally {
    await client.end();
  }
}

function validateBig() {
  const config = { warehouses: { big: warehouse(VALIDATE, 100) } };
  // What the CLI checks on load: the config, then its transfers and pipelines compiled.
  const check = () => validatePipelines(validateConfig(config, 'bench.config.ts'), 'bench.config.ts');
  check(); // warm-up: JIT and drizzle table schemas
  const started = performance.now();
  check();
  const ms = performance.now() - started;
  const compiled = compilePipeline(config.warehouses.big, 'big', 'bench');
  const edges = compiled.tasks.reduce((n, t) => n + t.upstream.length, 0);
  return { tasks: VALIDATE, edges, ms: Math.round(ms) };
}

const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
await admin(`create database "${dbName}"`);
try {
  const store = await connect(url);
  await migrateStore(store);
  await store.close();
  const commit = await commitMs(url);
  console.log(`one durable commit on this server: ${commit.toFixed(2)} ms`);
  const sequential = await runDag(url, 1);
  console.log(
    `${TASKS} no-op tasks, one at a time: ${sequential.totalMs} ms, ${sequential.perTaskMs.toFixed(2)} ms a task (${sequential.events} events)`,
  );
  const parallel = await runDag(url, CONCURRENCY);
  console.log(
    `${TASKS} no-op tasks, ${CONCURRENCY} at a time: ${parallel.totalMs} ms, ${parallel.perTaskMs.toFixed(2)} ms a task`,
  );
  const validation = validateBig();
  console.log(
    `load-time validation of a ${validation.tasks}-task DAG (${validation.edges} edges): ${validation.ms} ms`,
  );
  const goals = {
    perTaskUnder5ms: parallel.perTaskMs < 5,
    sequentialPerTaskUnder5ms: sequential.perTaskMs < 5,
    validationUnder1s: validation.ms < 1000,
  };
  console.log(JSON.stringify({ commitMs: commit, sequential, parallel, validation, goals }));
} finally {
  await admin(`drop database if exists "${dbName}" with (force)`);
}
