/**
 * MariaDB/MySQL → PostgreSQL transfer benchmark: datakit (typed transform + validation of source
 * and target rows, exact values) against the tools' pipe
 * `mysql --batch --raw -e 'select ...' | psql -c '\copy t from stdin'` on the same rows of a wide
 * table into the same target, interleaved.
 *
 *   npm run bench:mysql -- --rows 1000000 [--runs 3] [--keep]
 *
 * MYSQL_URL (default mysql://root@127.0.0.1:3306/test) and DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test) are only used to create and drop the benchmark's own
 * databases, both named `datakit_bench_mysql` (kept afterwards with --keep). Two datakit figures: the
 * engine's (the time `transfer()` takes in a fresh process, with a typed transform) and the CLI's
 * (the wall time of `datakit transfer --env prod` in a project that `datakit init --from` generated
 * for the source, start-up included, into its own bronze table with the generated merge). The last
 * line of output is JSON.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  datetime,
  decimal,
  int,
  bigint as myBigint,
  boolean as myBoolean,
  char as myChar,
  double as myDouble,
  mysqlEnum,
  mysqlTable,
  text as myText,
  timestamp as myTimestamp,
  varchar as myVarchar,
} from 'drizzle-orm/mysql-core';
import {
  bigint,
  boolean,
  char,
  doublePrecision,
  integer,
  numeric,
  pgSchema,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { defineTransform } from '../packages/datakit/src/contract/define-transform.js';
import { connect } from '../packages/datakit/src/dialect/connect.js';
import { transfer } from '../packages/datakit/src/transfer/transfer.js';
import { flag, fmt, median, option, runChild, sql } from './support/bench-kit.js';

const ROWS = option('rows', 1_000_000);
const RUNS = option('runs', 3);
const DB = 'datakit_bench_mysql';
const withDatabase = (url: string) => {
  const u = new URL(url);
  u.pathname = `/${DB}`;
  return u.toString();
};
const mysqlAdmin = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const pgAdmin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const mysqlUrl = withDatabase(mysqlAdmin);
const pgUrl = withDatabase(pgAdmin);

const repo = path.resolve(import.meta.dirname, '..');
const bin = path.join(repo, 'packages/datakit/bin/datakit.js');
/** The user's project, inside the repository so that its `datakit-warehouse` import resolves. */
const project = path.join(repo, 'bench/.mysql-cli');
const cliEnv = { ...process.env, WAREHOUSE_PROD_URL: pgUrl, BENCH_PROD_URL: mysqlUrl };

function datakitCli(args: string[], cwd = project): string {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env: cliEnv, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`datakit ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** `datakit init --from` the source, then deploy its bronze table into the benchmark's database. */
function createProject(): void {
  rmSync(project, { recursive: true, force: true });
  datakitCli(['init', project, '--from', `bench=${mysqlUrl}`], repo);
  datakitCli(['deploy', '--env', 'prod']);
}

/** One `datakit transfer --env prod` as a user types it; its wall time, start-up included. */
function cliRun(): number {
  const started = performance.now();
  const out = datakitCli(['transfer', '--env', 'prod', '--json']);
  const seconds = (performance.now() - started) / 1000;
  const result = JSON.parse(out) as { transfers: { rows: { loaded: number; rejected: number } }[] };
  const loaded = result.transfers.reduce((n, t) => n + t.rows.loaded, 0);
  if (loaded !== ROWS) throw new Error(`datakit transfer loaded ${loaded} of ${ROWS} rows`);
  return seconds;
}

const source = mysqlTable('customer', {
  id: int().primaryKey(),
  name: myVarchar({ length: 100 }).notNull(),
  email: myVarchar({ length: 200 }).notNull(),
  country: myChar({ length: 2 }).notNull(),
  segment: mysqlEnum(['consumer', 'business', 'partner']).notNull(),
  created_at: datetime({ fsp: 3 }).notNull(),
  updated_at: myTimestamp().notNull(),
  orders: int().notNull(),
  lifetime: myBigint({ mode: 'bigint' }).notNull(),
  balance: decimal({ precision: 12, scale: 2 }).notNull(),
  score: myDouble().notNull(),
  active: myBoolean().notNull(),
  note: myText(),
});

const target = pgSchema('bronze').table('customer', {
  id: integer().primaryKey(),
  name: text().notNull(),
  email: text().notNull(),
  country: char({ length: 2 }).notNull(),
  segment: text().notNull(),
  created_at: timestamp({ precision: 3 }).notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
  orders: integer().notNull(),
  lifetime: bigint({ mode: 'bigint' }).notNull(),
  balance: numeric({ precision: 12, scale: 2 }).notNull(),
  score: doublePrecision().notNull(),
  active: boolean().notNull(),
  note: text(),
  _load_id: uuid().notNull(),
  _loaded_at: timestamp({ withTimezone: true }).notNull(),
});

const toBronze = defineTransform(source, target, (row) => ({
  ...row,
  name: row.name.toUpperCase(),
  email: row.email.toLowerCase(),
}));

const COLUMNS =
  'id, name, email, country, segment, created_at, updated_at, orders, lifetime, balance, score, active, note';

async function child(): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await transfer({ from: mysqlUrl, to: pgUrl, transform: toBronze, sourceSystem: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    `${JSON.stringify({
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      rows: result.rows.loaded,
      rejected: result.rows.rejected,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}

function toolsPipe(): number {
  const my = new URL(mysqlUrl);
  const select = `select ${COLUMNS.replace('name, email', 'upper(name), lower(email)')}, '00000000-0000-4000-8000-000000000001', utc_timestamp() from customer`;
  const started = performance.now();
  const r = spawnSync(
    'sh',
    [
      '-c',
      `mysql --batch --raw --skip-column-names -h "$MH" -P "$MP" -u "$MU" "$MD" -e "$SEL" | psql -X -q "$U" -c "\\copy bronze.customer from stdin with (null 'NULL')"`,
    ],
    {
      env: {
        ...process.env,
        MH: my.hostname,
        MP: my.port || '3306',
        MU: decodeURIComponent(my.username || 'root'),
        MD: DB,
        SEL: select,
        U: pgUrl,
        ...(my.password ? { MYSQL_PWD: decodeURIComponent(my.password) } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (r.status !== 0) throw new Error('mysql | psql pipe failed');
  return (performance.now() - started) / 1000;
}

function datakitRun(): Promise<{
  seconds: number;
  cpuSeconds: number;
  rows: number;
  rejected: number;
  peakRssMB: number;
}> {
  return runChild(fileURLToPath(import.meta.url));
}

async function main(): Promise<void> {
  await sql(mysqlAdmin, [`drop database if exists ${DB}`, `create database ${DB}`]);
  await sql(pgAdmin, [`drop database if exists ${DB} with (force)`, `create database ${DB}`]);
  console.error(`creating ${fmt(ROWS)} source rows in MariaDB ...`);
  await sql(mysqlUrl, [
    `create table customer (id int primary key, name varchar(100) not null, email varchar(200) not null,
       country char(2) not null, segment enum('consumer','business','partner') not null, created_at datetime(3) not null,
       updated_at timestamp not null, orders int not null, lifetime bigint not null, balance decimal(12,2) not null,
       score double not null, active tinyint(1) not null, note text)`,
    `insert into customer select seq, concat('Customer ', seq), concat('Customer.', seq, '@Example.COM'),
       elt(1 + seq % 5, 'DE', 'FR', 'US', 'IN', 'BR'), elt(1 + seq % 3, 'consumer', 'business', 'partner'),
       timestamp'2020-01-01 00:00:00' + interval seq * 37 second + interval (seq % 1000) * 1000 microsecond,
       timestamp'2021-01-01 00:00:00' + interval seq second, seq % 100, seq * 1000003, (seq % 100000) / 100.0,
       seq / 7.0, seq % 2, if(seq % 5 = 0, null, concat('note number ', seq))
     from seq_1_to_${ROWS}`,
    'analyze table customer',
  ]);
  await sql(pgUrl, [
    'create schema bronze',
    `create table bronze.customer (id integer primary key, name text not null, email text not null, country char(2) not null,
       segment text not null, created_at timestamp(3) not null, updated_at timestamptz not null, orders integer not null,
       lifetime bigint not null, balance numeric(12,2) not null, score double precision not null, active boolean not null,
       note text, _load_id uuid not null, _loaded_at timestamptz not null)`,
  ]);
  console.error('datakit init --from the source, and deploy its bronze table ...');
  createProject();
  const reset = () =>
    sql(pgUrl, [
      'truncate bronze.customer',
      'truncate bronze_bench.customer',
      'truncate datakit.loads cascade',
      'checkpoint',
    ]);
  const rows: { run: number; pipe: number; datakit: number; cli: number; cpu: number; rss: number }[] = [];
  for (let run = 1; run <= RUNS; run++) {
    await reset();
    const pipe = toolsPipe();
    await reset();
    const cli = cliRun();
    // The engine runs last: the check below reads what it loaded.
    await reset();
    const dk = await datakitRun();
    if (dk.rows !== ROWS || dk.rejected !== 0)
      throw new Error(`datakit loaded ${dk.rows} rows, ${dk.rejected} rejected`);
    rows.push({ run, pipe, datakit: dk.seconds, cli, cpu: dk.cpuSeconds, rss: dk.peakRssMB });
    console.error(
      `run ${run}: mysql | psql ${pipe.toFixed(2)} s, datakit engine ${dk.seconds.toFixed(2)} s, datakit CLI ${cli.toFixed(2)} s`,
    );
  }
  const check = await connect(pgUrl);
  const { rows: ok } = await check.query<{ n: string }>(
    `select count(*) as n from bronze.customer where name = 'CUSTOMER ' || id and email = 'customer.' || id || '@example.com'
       and created_at = timestamp '2020-01-01' + id * interval '37 seconds' + (id % 1000) * interval '1 millisecond'
       and updated_at = timestamptz '2021-01-01 00:00:00+00' + id * interval '1 second' and lifetime = id * 1000003::bigint
       and balance = (id % 100000) / 100.0 and active = (id % 2 = 1) and note is not distinct from case when id % 5 = 0 then null else 'note number ' || id end`,
  );
  await check.close();
  if (Number(ok[0]?.n) !== ROWS) throw new Error(`only ${ok[0]?.n} of ${ROWS} rows match the source`);
  console.log(
    `\n| run | mysql \\| psql (s) | rows/s | engine (s) | rows/s | ratio | CLI (s) | rows/s | ratio | engine CPU (s) | peak RSS (MB) |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.run} | ${r.pipe.toFixed(2)} | ${fmt(ROWS / r.pipe)} | ${r.datakit.toFixed(2)} | ${fmt(ROWS / r.datakit)} | ${(r.pipe / r.datakit).toFixed(2)} | ${r.cli.toFixed(2)} | ${fmt(ROWS / r.cli)} | ${(r.pipe / r.cli).toFixed(2)} | ${r.cpu.toFixed(2)} | ${r.rss.toFixed(0)} |`,
    );
  }
  const pipeRowsPerSec = ROWS / median(rows.map((r) => r.pipe));
  const datakitRowsPerSec = ROWS / median(rows.map((r) => r.datakit));
  const cliRowsPerSec = ROWS / median(rows.map((r) => r.cli));
  console.log(
    `\nmedian: mysql | psql ${fmt(pipeRowsPerSec)} rows/s, datakit engine ${fmt(datakitRowsPerSec)} rows/s (${(datakitRowsPerSec / pipeRowsPerSec).toFixed(2)}), datakit CLI ${fmt(cliRowsPerSec)} rows/s (${(cliRowsPerSec / pipeRowsPerSec).toFixed(2)})\n`,
  );
  if (!flag('keep')) {
    rmSync(project, { recursive: true, force: true });
    await sql(mysqlAdmin, [`drop database if exists ${DB}`]);
    await sql(pgAdmin, [`drop database if exists ${DB} with (force)`]);
  }
  console.log(
    JSON.stringify({
      rows: ROWS,
      pipeRowsPerSec: Math.round(pipeRowsPerSec),
      datakitRowsPerSec: Math.round(datakitRowsPerSec),
      ratio: Number((datakitRowsPerSec / pipeRowsPerSec).toFixed(3)),
      cliRowsPerSec: Math.round(cliRowsPerSec),
      cliRatio: Number((cliRowsPerSec / pipeRowsPerSec).toFixed(3)),
      peakRssMB: Math.round(Math.max(...rows.map((r) => r.rss))),
    }),
  );
}

if (flag('child')) await child();
else await main();
