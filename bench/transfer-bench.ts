/**
 * PostgreSQL → PostgreSQL transfer benchmark: datakit (typed transform + validation of source and
 * target rows) against the physical limit `psql \copy (select ...) to stdout | psql \copy t from stdin`
 * on the same rows into the same table, interleaved.
 *
 *   npm run bench:transfer -- --rows 1000000 [--runs 3] [--no-pk] [--keep]
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is only used to create and drop
 * the benchmark's own database, `datakit_bench` (kept afterwards with --keep). The target has the
 * primary key a bronze table keeps by default (--no-pk drops it). The last line of output is JSON.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { boolean, integer, numeric, pgSchema, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { defineTransform } from '../packages/datakit/src/contract/define-transform.js';
import { connect } from '../packages/datakit/src/dialect/connect.js';
import { transfer } from '../packages/datakit/src/transfer/transfer.js';
import { flag, fmt, median, option, runChild, sql } from './support/bench-kit.js';

const ROWS = option('rows', 1_000_000);
const RUNS = option('runs', 3);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const benchUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = '/datakit_bench';
  return u.toString();
})();

const source = pgTable('src', {
  id: integer().primaryKey(),
  name: text().notNull(),
  email: text().notNull(),
  created_at: timestamp({ withTimezone: true }).notNull(),
  orders: integer().notNull(),
  balance: numeric({ precision: 10, scale: 2 }).notNull(),
  active: boolean().notNull(),
  note: text(),
});

const target = pgSchema('bronze').table('customer', {
  id: integer().primaryKey(),
  name: text().notNull(),
  email: text().notNull(),
  created_at: timestamp({ withTimezone: true }).notNull(),
  orders: integer().notNull(),
  balance: numeric({ precision: 10, scale: 2 }).notNull(),
  active: boolean().notNull(),
  note: text(),
  _load_id: uuid().notNull(),
  _loaded_at: timestamp({ withTimezone: true }).notNull(),
});

const toBronze = defineTransform(source, target, (row) => ({
  id: row.id,
  name: row.name.toUpperCase(),
  email: row.email.toLowerCase(),
  created_at: row.created_at,
  orders: row.orders,
  balance: row.balance,
  active: row.active,
  note: row.note,
}));

async function child(): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await transfer({ from: benchUrl, to: benchUrl, transform: toBronze, sourceSystem: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ seconds, cpuSeconds, rows: result.rows.loaded, rejected: result.rows.rejected, peakRssMB })}\n`,
  );
}

function psqlPipe(): number {
  const out = `\\copy (select id, name, email, created_at, orders, balance, active, note, '00000000-0000-4000-8000-000000000001'::uuid, now() from src) to stdout`;
  const started = performance.now();
  const r = spawnSync(
    'sh',
    ['-c', `psql -X -q "$U" -c "$OUT" | psql -X -q "$U" -c '\\copy bronze.customer from stdin'`],
    {
      env: { ...process.env, U: benchUrl, OUT: out },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (r.status !== 0) throw new Error('psql pipe failed');
  return (performance.now() - started) / 1000;
}

function datakitRun(): Promise<{ seconds: number; rows: number; rejected: number; peakRssMB: number }> {
  return runChild(fileURLToPath(import.meta.url));
}

async function main(): Promise<void> {
  await sql(adminUrl, [
    'drop database if exists datakit_bench with (force)',
    'create database datakit_bench',
  ]);
  console.error(`creating ${fmt(ROWS)} source rows ...`);
  const pk = flag('no-pk') ? '' : ' primary key';
  await sql(benchUrl, [
    `create table src (id integer primary key, name text not null, email text not null, created_at timestamptz not null,
       orders integer not null, balance numeric(10,2) not null, active boolean not null, note text)`,
    `insert into src select i, 'Customer ' || i, 'Customer.' || i || '@Example.COM', timestamptz '2020-01-01' + i * interval '37 seconds',
       i % 100, (i % 100000) / 100.0, i % 2 = 0, case when i % 5 = 0 then null else 'note number ' || i end
     from generate_series(1, ${ROWS}) i`,
    'vacuum analyze src',
    'create schema bronze',
    `create table bronze.customer (id integer${pk}, name text not null, email text not null, created_at timestamptz not null,
       orders integer not null, balance numeric(10,2) not null, active boolean not null, note text,
       _load_id uuid not null, _loaded_at timestamptz not null)`,
  ]);
  const reset = () => sql(benchUrl, ['truncate bronze.customer', 'checkpoint']);
  const rows: { run: number; limit: number; datakit: number; rss: number }[] = [];
  for (let run = 1; run <= RUNS; run++) {
    await reset();
    const limit = psqlPipe();
    await reset();
    const dk = await datakitRun();
    if (dk.rows !== ROWS || dk.rejected !== 0)
      throw new Error(`datakit loaded ${dk.rows} rows, ${dk.rejected} rejected`);
    rows.push({ run, limit, datakit: dk.seconds, rss: dk.peakRssMB });
    console.error(`run ${run}: limit ${limit.toFixed(2)} s, datakit ${dk.seconds.toFixed(2)} s`);
  }
  const check = await connect(benchUrl);
  const { rows: ok } = await check.query<{ n: string }>(
    `select count(*) as n from bronze.customer b join src s using (id) where b.name = upper(s.name) and b.email = lower(s.email)
       and b.created_at = s.created_at and b.orders = s.orders and b.balance = s.balance and b.active = s.active and b.note is not distinct from s.note`,
  );
  await check.close();
  if (Number(ok[0]?.n) !== ROWS) throw new Error(`only ${ok[0]?.n} of ${ROWS} rows match the source`);
  console.log(`\n| run | psql pipe (s) | rows/s | datakit (s) | rows/s | ratio | datakit peak RSS (MB) |`);
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.run} | ${r.limit.toFixed(2)} | ${fmt(ROWS / r.limit)} | ${r.datakit.toFixed(2)} | ${fmt(ROWS / r.datakit)} | ${(r.limit / r.datakit).toFixed(2)} | ${r.rss.toFixed(0)} |`,
    );
  }
  const limitRowsPerSec = ROWS / median(rows.map((r) => r.limit));
  const datakitRowsPerSec = ROWS / median(rows.map((r) => r.datakit));
  console.log(
    `\nmedian: psql pipe ${fmt(limitRowsPerSec)} rows/s, datakit ${fmt(datakitRowsPerSec)} rows/s\n`,
  );
  if (!flag('keep')) await sql(adminUrl, ['drop database if exists datakit_bench with (force)']);
  console.log(
    JSON.stringify({
      rows: ROWS,
      limitRowsPerSec: Math.round(limitRowsPerSec),
      datakitRowsPerSec: Math.round(datakitRowsPerSec),
      ratio: Number((datakitRowsPerSec / limitRowsPerSec).toFixed(3)),
      peakRssMB: Math.round(Math.max(...rows.map((r) => r.rss))),
    }),
  );
}

if (flag('child')) await child();
else await main();
