/**
 * Silver and gold benchmark on PostgreSQL: bronze → silver (dedupe, conform, set-based rejects) →
 * SCD2 dimension (first load, then a run with 10% changes) → fact (SCD2 lookup at the event time,
 * date lookup, inferred members). Each step runs as a datakit typed SQL transform / dimension /
 * fact and as the same step written by hand in plain SQL, interleaved, from the same state; the
 * results of both are compared (checksum) so the two do the same work.
 *
 *   npm run bench:gold -- --rows 1000000 [--runs 3] [--only 1,3] [--keep] [--show-sql] [--explain]
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is only used to create and drop
 * the benchmark's own database (`--database`, default `datakit_gold_bench`). The last line of
 * output is JSON.
 */
import { cpus, loadavg } from 'node:os';
import { getTableName } from 'drizzle-orm';
import { fromDrizzle } from '../packages/datakit/src/contract/from-drizzle.js';
import { connect } from '../packages/datakit/src/dialect/connect.js';
import type { Connection } from '../packages/datakit/src/dialect/connection.js';
import { layerTable } from '../packages/datakit/src/warehouse/layer-table.js';
import {
  customer,
  customerDimension,
  dateDimension,
  dimCustomer,
  dimDate,
  fact,
  factOrder,
  order,
  rawCustomer,
  rawOrder,
  silverCustomer,
  silverOrder,
} from './gold/contracts.js';
import { handDimension, handFact, handSilverCustomer, handSilverOrder, LOAD_ID } from './gold/hand-sql.js';
import { flag, fmt, median, option, sql, textOption } from './support/bench-kit.js';
import { explaining } from './support/explaining.js';

if (flag('help')) {
  console.log(`npm run bench:gold -- [options]

  --rows N         bronze rows per table (default 1000000)
  --runs N         timed runs per side and step, alternating which side goes first (default 3)
  --only 1,3       time only these steps (1-based); earlier steps still run once for their state
  --database NAME  the benchmark's own database, created and dropped (default datakit_gold_bench)
  --keep           keep the database afterwards
  --show-sql       print the silver transforms' SQL
  --explain        print EXPLAIN (ANALYZE, BUFFERS) of every statement of both sides, once per step,
                   instead of timing (the two sides' results are still compared)
  --help           this text

DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is the admin connection.`);
  process.exit(0);
}

const ROWS = option('rows', 1_000_000);
const RUNS = option('runs', 3);
const KEEP = flag('keep');
const SHOW_SQL = flag('show-sql');
const EXPLAIN = flag('explain');
const DATABASE = textOption('database') ?? 'datakit_gold_bench';
/** 1-based step numbers to time (default all); earlier steps still run once to build their state. */
const onlyText = textOption('only');
const ONLY = onlyText === undefined ? undefined : new Set(onlyText.split(',').map(Number));
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const benchUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${DATABASE}`;
  return u.toString();
})();
// Each layer's tables live in the schema named after the layer (the default placement).
const schemas = {};

// --- harness ---------------------------------------------------------------------------------
async function setup(conn: Connection): Promise<void> {
  const ddl = conn.dialect.createDdlCompiler();
  for (const schema of ['bronze', 'silver', 'gold', 'datakit']) await conn.query(ddl.createSchema(schema));
  await conn.query(`create table datakit.rejects (
    id bigserial primary key, load_id uuid not null, source_table text not null, target_table text not null, row_number bigint,
    stage text not null, "column" text, rule text not null, message text not null, hint text, row jsonb, datakit text,
    datakit_version text, at timestamptz not null default now()) with (autovacuum_enabled = false)`);
  const place = (table: Parameters<typeof fromDrizzle>[0], layer: 'bronze' | 'silver' | 'gold') =>
    layerTable(fromDrizzle(table), { layer, schema: layer, schemaOfTable: new Map([['customer', layer]]) });
  for (const [table, layer] of [
    [rawCustomer, 'bronze'],
    [rawOrder, 'bronze'],
    [customer, 'silver'],
    [order, 'silver'],
    [dimCustomer, 'gold'],
    [dimDate, 'gold'],
    [factOrder, 'gold'],
  ] as const) {
    for (const s of ddl.createTable(place(table, layer))) await conn.query(s);
    // No autovacuum starting in the middle of one side's run: each run starts from an analyzed state.
    await conn.query(
      `alter table ${layer}.${JSON.stringify(getTableName(table))} set (autovacuum_enabled = false)`,
    );
  }
  const customers = Math.round(ROWS * 0.9);
  console.error(
    `seeding ${fmt(ROWS)} bronze customer rows (${fmt(customers)} customers) and ${fmt(ROWS)} bronze orders ...`,
  );
  await conn.query(
    `insert into bronze.customer (id, name, email, status, country, updated_at)
     select g % ${customers} + 1, case when g % 1000 = 0 then '  ' else '  Customer ' || g || ' ' end,
       case when g % 997 = 0 then 'user' || g || '.example.org' else ' User' || g || '@Example.org' end,
       (array['Act', 'active', 'paused', 'on hold', 'churned', 'vip'])[g % 6 + 1], (array['gb', 'fr', 'de', 'nl', null])[g % 5 + 1],
       timestamptz '2024-01-01' + g * interval '1 second'
     from generate_series(1, ${ROWS}) g`,
  );
  await conn.query(
    `insert into bronze."order" (id, customer_id, amount, ordered_at)
     select g, case when g % 500 = 0 then null else g % ${customers} + 1 end,
       case when g % 777 = 0 then 'n/a' else ((g % 100000) / 100.0)::text end, timestamptz '2024-01-01' + g * interval '1 minute'
     from generate_series(1, ${ROWS}) g`,
  );
  await dateDimension.fill(conn, { ...schemas, from: '2024-01-01', to: '2026-12-31' });
  await conn.query('vacuum analyze');
}

/** Count and hash of every column of a target's rejects but their id and time. */
const rejectsChecksum = (target: string) =>
  `select count(*) || ':' || coalesce(sum(hashtext(concat_ws('|', load_id, source_table, target_table, row_number, stage, "column", rule, message, hint, row::text))), 0)
   from datakit.rejects where target_table = '${target}'`;

type Step = {
  name: string;
  rows: () => Promise<number>;
  reset: () => Promise<void>;
  datakit: () => Promise<unknown>;
  hand: () => Promise<unknown>;
  checksum: string;
};

async function main(): Promise<void> {
  await sql(adminUrl, [
    `drop database if exists "${DATABASE}" with (force)`,
    `create database "${DATABASE}"`,
  ]);
  let explainOn = false;
  const conn = explaining(await connect(benchUrl), () => explainOn, console.error);
  const q = async (s: string) => (await conn.query(s)).rows;
  const count = async (s: string) => Number((await q(s))[0]?.n);
  const hand = (statements: string[]) =>
    conn.transaction(async (tx) => {
      for (const s of statements) await tx.query(s);
    });
  const at1 = '2025-01-01T00:00:00Z';
  const at2 = '2025-02-01T00:00:00Z';
  try {
    if (SHOW_SQL) {
      const ctx = {
        ...schemas,
        dialect: conn.dialect,
        at: new Date(),
        loadId: '00000000-0000-4000-8000-000000000000',
        rejects: { schema: 'datakit', name: 'rejects' },
      };
      for (const t of [silverCustomer, silverOrder])
        for (const s of t.compile(ctx).statements) console.error(`-- ${t.name} ${s.step}\n${s.sql};\n`);
    }
    await setup(conn);
    const restoreDimension = async () => {
      await conn.query('truncate gold.dim_customer restart identity');
      await conn.query(
        'insert into gold.dim_customer overriding system value select * from gold.dim_customer_base',
      );
      await conn.query(
        `select setval(pg_get_serial_sequence('gold.dim_customer', 'customer_key'), (select max(customer_key) from gold.dim_customer))`,
      );
    };
    const steps: Step[] = [
      {
        name: 'bronze → silver customer (dedupe, conform, rejects, MERGE)',
        rows: () => count('select count(*) as n from bronze.customer'),
        reset: async () => {
          await conn.query('truncate silver.customer cascade');
          await conn.query('truncate datakit.rejects');
        },
        datakit: () => silverCustomer.run(conn, { ...schemas, loadId: LOAD_ID }),
        hand: () => hand(handSilverCustomer),
        checksum: `select count(*) || ':' || sum(hashtext(id || name || email || status || coalesce(country, '') || updated_at)) || ' ' || (${rejectsChecksum('silver.customer')}) as c from silver.customer`,
      },
      {
        name: 'bronze → silver order (cast, foreign key, rejects, MERGE)',
        rows: () => count('select count(*) as n from bronze."order"'),
        reset: async () => {
          await conn.query('truncate silver."order"');
          await conn.query(`delete from datakit.rejects where target_table = 'silver.order'`);
        },
        datakit: () => silverOrder.run(conn, { ...schemas, loadId: LOAD_ID }),
        hand: () => hand(handSilverOrder),
        checksum: `select count(*) || ':' || sum(hashtext(id || ':' || customer_id || ':' || amount || ':' || ordered_at)) || ' ' || (${rejectsChecksum('silver.order')}) as c from silver."order"`,
      },
      {
        name: 'silver → SCD2 dim_customer, first load',
        rows: () => count('select count(*) as n from silver.customer'),
        reset: async () => {
          await conn.query('truncate gold.dim_customer restart identity');
          await customerDimension.prepare(conn, schemas);
        },
        datakit: () => customerDimension.run(conn, { ...schemas, at: new Date(at1) }),
        hand: () => hand(handDimension(at1)),
        checksum: `select count(*) || ':' || sum(hashtext(customer_id || name || status || coalesce(country, '') || valid_from || valid_to || is_current || is_deleted || is_inferred)) as c from gold.dim_customer`,
      },
      {
        name: 'silver → SCD2 dim_customer, 10% changed, 1% deleted, 1% new',
        rows: () => count('select count(*) as n from silver.customer'),
        reset: restoreDimension,
        datakit: () => customerDimension.run(conn, { ...schemas, at: new Date(at2) }),
        hand: () => hand(handDimension(at2)),
        checksum: `select count(*) || ':' || sum(hashtext(customer_id || name || status || coalesce(country, '') || valid_from || valid_to || is_current || is_deleted || is_inferred)) as c from gold.dim_customer`,
      },
      {
        name: 'silver → fact_order (SCD2 lookup at event time, date lookup, inferred members)',
        rows: () => count('select count(*) as n from silver."order"'),
        reset: async () => {
          await restoreDimension();
          await conn.query('truncate gold.fact_order');
        },
        datakit: () => fact.run(conn, { ...schemas, at: new Date(at2) }),
        hand: () => hand(handFact),
        checksum: `select count(*) || ':' || sum(hashtext(order_id || ':' || customer_key || ':' || date_key || ':' || amount)) as c from gold.fact_order`,
      },
    ];
    const results: { step: string; rows: number; datakit: number[]; hand: number[] }[] = [];
    for (const [i, step] of steps.entries()) {
      if (i === 3) {
        // The state the incremental steps start from: the first load, then changes in silver.
        await steps[2]?.reset();
        await customerDimension.run(conn, { ...schemas, at: new Date(at1) });
        await conn.query('analyze');
        await conn.query('drop table if exists gold.dim_customer_base');
        await conn.query('create table gold.dim_customer_base as select * from gold.dim_customer');
        await conn.query(
          `update silver.customer set status = case status when 'active' then 'paused' else 'active' end where id % 10 = 0`,
        );
        await conn.query(`delete from silver."order" where customer_id % 100 = 1`);
        await conn.query('delete from silver.customer where id % 100 = 1');
        await conn.query(
          `insert into silver.customer select id + 10000000, name, 'new.' || email, status, country, updated_at from silver.customer where id % 100 = 2`,
        );
        await conn.query(
          `update silver."order" set customer_id = customer_id + 10000000 where customer_id % 100 = 2 and id % 10 = 0`,
        );
        await conn.query('vacuum analyze silver.customer');
        await conn.query('vacuum analyze silver."order"');
      }
      if (ONLY && !ONLY.has(i + 1)) {
        if ([...ONLY].some((n) => n > i + 1)) {
          await step.reset();
          await step.datakit();
          await conn.query('analyze');
        }
        continue;
      }
      const rows = await step.rows();
      const entry = { step: step.name, rows, datakit: [] as number[], hand: [] as number[] };
      for (let run = 1; run <= (EXPLAIN ? 1 : RUNS); run++) {
        for (const side of run % 2 === 1 ? (['datakit', 'hand'] as const) : (['hand', 'datakit'] as const)) {
          await step.reset();
          await conn.query('analyze');
          await conn.query('checkpoint');
          if (EXPLAIN) console.error(`\n==== ${step.name}: ${side}`);
          explainOn = EXPLAIN;
          const started = performance.now();
          const out = await step[side]().finally(() => {
            explainOn = false;
          });
          if (process.env.GOLD_BENCH_STEPS && side === 'datakit')
            console.error(JSON.stringify((out as { steps?: unknown }).steps));
          entry[side].push((performance.now() - started) / 1000);
          // Autovacuum is off: what the next step reads must not keep the statistics of an empty table.
          await conn.query('analyze');
          const sum = String((await q(step.checksum))[0]?.c);
          (entry as unknown as Record<string, string>)[`${side}Checksum`] = sum;
        }
        const sums = entry as unknown as Record<string, string>;
        if (sums.datakitChecksum !== sums.handChecksum) {
          throw new Error(
            `${step.name}: datakit and hand-written SQL disagree (${sums.datakitChecksum} vs ${sums.handChecksum})`,
          );
        }
        console.error(
          `${step.name} run ${run}: datakit ${entry.datakit.at(-1)?.toFixed(2)} s, hand ${entry.hand.at(-1)?.toFixed(2)} s (load ${loadavg()[0]?.toFixed(2)})`,
        );
      }
      results.push(entry);
      // Later steps read what this one wrote: leave the datakit result in place.
      await step.reset();
      await step.datakit();
    }
    console.log(
      `\n${fmt(ROWS)} bronze rows per table, median of ${RUNS} runs each, PostgreSQL ${String((await q('show server_version'))[0]?.server_version)}\n`,
    );
    console.log('| step | rows | datakit (s) | rows/s | hand SQL (s) | rows/s | datakit / hand |');
    console.log('|---|---|---|---|---|---|---|');
    const summary = results.map((r) => {
      const dk = median(r.datakit);
      const hd = median(r.hand);
      console.log(
        `| ${r.step} | ${fmt(r.rows)} | ${dk.toFixed(2)} | ${fmt(r.rows / dk)} | ${hd.toFixed(2)} | ${fmt(r.rows / hd)} | ${(hd / dk).toFixed(2)} |`,
      );
      return {
        step: r.step,
        rows: r.rows,
        datakitRowsPerSec: Math.round(r.rows / dk),
        handRowsPerSec: Math.round(r.rows / hd),
        ratio: Number((hd / dk).toFixed(3)),
      };
    });
    console.log('\nratio = datakit rows/s ÷ hand-written SQL rows/s (goal: ≥ 0.90)\n');
    const load = loadavg().map((l) => Number(l.toFixed(2)));
    console.log(`load average at the end: ${load.join(', ')} (1, 5, 15 min) on ${cpus().length} CPUs\n`);
    console.log(JSON.stringify({ rows: ROWS, runs: RUNS, load, steps: summary }));
  } finally {
    await conn.close();
    if (!KEEP) await sql(adminUrl, [`drop database if exists "${DATABASE}" with (force)`]);
  }
}

await main();
