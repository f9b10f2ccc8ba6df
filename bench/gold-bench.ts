/**
 * Silver and gold benchmark on PostgreSQL: bronze → silver (dedupe, conform, set-based rejects) →
 * SCD2 dimension (first load, then a run with 10% changes) → fact (SCD2 lookup at the event time,
 * date lookup, inferred members). Each step runs as a datakit typed SQL transform / dimension /
 * fact and as the same step written by hand in plain SQL, interleaved, from the same state; the
 * results of both are compared (checksum) so the two do the same work.
 *
 *   npm run bench:gold -- --rows 1000000 [--runs 3] [--only 1,3] [--keep] [--show-sql]
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is only used to create and drop
 * the benchmark's own database, `datakit_gold_bench`. The last line of output is JSON.
 */
import { sql } from 'drizzle-orm';
import { char, integer, numeric, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { fromDrizzle } from '../packages/datakit/src/contract/from-drizzle.js';
import { layerTable } from '../packages/datakit/src/deploy/layer-table.js';
import { connect } from '../packages/datakit/src/dialect/connect.js';
import type { Connection } from '../packages/datakit/src/dialect/connection.js';
import { dateDimensionColumns, defineDateDimension } from '../packages/datakit/src/gold/date-dimension.js';
import { defineDimension } from '../packages/datakit/src/gold/define-dimension.js';
import { defineFact } from '../packages/datakit/src/gold/define-fact.js';
import { scd2Columns, surrogateKey } from '../packages/datakit/src/gold/dimension-columns.js';
import { lookup } from '../packages/datakit/src/gold/lookup.js';
import { castTo } from '../packages/datakit/src/sql-transform/cast-to.js';
import { coalesce } from '../packages/datakit/src/sql-transform/coalesce.js';
import { defineSqlTransform } from '../packages/datakit/src/sql-transform/define-sql-transform.js';
import { inLayer } from '../packages/datakit/src/sql-transform/in-layer.js';
import { standardize } from '../packages/datakit/src/sql-transform/standardize.js';
import { lower, trim, upper } from '../packages/datakit/src/sql-transform/text-expressions.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROWS = option('rows', 1_000_000);
const RUNS = option('runs', 3);
const KEEP = args.includes('--keep');
const SHOW_SQL = args.includes('--show-sql');
/** 1-based step numbers to time (default all); earlier steps still run once to build their state. */
const ONLY = (() => {
  const i = args.indexOf('--only');
  return i >= 0
    ? new Set(
        String(args[i + 1])
          .split(',')
          .map(Number),
      )
    : undefined;
})();
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const benchUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = '/datakit_gold_bench';
  return u.toString();
})();
const schemas = { schemas: { bronze: 'bronze', silver: 'silver', gold: 'gold' } };

// --- contracts -------------------------------------------------------------------------------
const rawCustomer = pgTable('customer', {
  id: integer().notNull(),
  name: text(),
  email: text(),
  status: text(),
  country: text(),
  updated_at: timestamp({ withTimezone: true }).notNull(),
});
const customer = pgTable('customer', {
  id: integer().primaryKey(),
  name: text().notNull(),
  email: varchar({ length: 80 }).notNull().unique(),
  status: varchar({ length: 10 }).notNull(),
  country: char({ length: 2 }),
  updated_at: timestamp({ withTimezone: true }).notNull(),
});
const rawOrder = pgTable('order', {
  id: integer().notNull(),
  customer_id: integer(),
  amount: text(),
  ordered_at: timestamp({ withTimezone: true }).notNull(),
});
const order = pgTable('order', {
  id: integer().primaryKey(),
  customer_id: integer()
    .notNull()
    .references(() => customer.id),
  amount: numeric({ precision: 12, scale: 2 }).notNull(),
  ordered_at: timestamp({ withTimezone: true }).notNull(),
});
const dimCustomer = pgTable('dim_customer', {
  customer_key: surrogateKey(),
  customer_id: integer().notNull(),
  name: text().notNull(),
  status: varchar({ length: 10 }).notNull(),
  country: char({ length: 2 }),
  ...scd2Columns(),
});
const dimDate = pgTable('dim_date', dateDimensionColumns());
const factOrder = pgTable('fact_order', {
  order_id: integer().notNull(),
  customer_key: integer().notNull(),
  date_key: integer().notNull(),
  amount: numeric({ precision: 12, scale: 2 }).notNull(),
});

// --- the datakit steps -----------------------------------------------------------------------
const status = standardize(
  lower(trim(rawCustomer.status)),
  { act: 'active', active: 'active', 'on hold': 'paused', paused: 'paused', churned: 'churned' } as const,
  null,
);
const silverCustomer = defineSqlTransform(inLayer(customer, 'silver'), {
  from: inLayer(rawCustomer, 'bronze'),
  dedupe: { key: [rawCustomer.id], latest: rawCustomer.updated_at },
  select: {
    id: rawCustomer.id,
    name: coalesce(trim(rawCustomer.name), ''),
    email: coalesce(lower(trim(rawCustomer.email)), ''),
    status: coalesce(status, ''),
    country: upper(trim(rawCustomer.country)),
    updated_at: rawCustomer.updated_at,
  },
  rules: [
    {
      name: 'name-present',
      column: 'name',
      check: sql`trim(${rawCustomer.name}) <> ''`,
      message: 'the customer has no name',
    },
    {
      name: 'email-format',
      column: 'email',
      check: sql`${rawCustomer.email} like '%@%'`,
      message: 'email has no @',
    },
    { name: 'status-known', column: 'status', check: sql`${status} is not null`, message: 'unknown status' },
  ],
  constrain: true,
  disposition: 'merge',
});
const numberPattern = '^-?[0-9]+(\\.[0-9]+)?$';
const silverOrder = defineSqlTransform(inLayer(order, 'silver'), {
  from: inLayer(rawOrder, 'bronze'),
  select: {
    id: rawOrder.id,
    customer_id: coalesce(rawOrder.customer_id, -1),
    amount: coalesce(
      castTo<string>(
        sql`case when ${rawOrder.amount} ~ ${numberPattern} then ${rawOrder.amount} end`,
        'numeric(12,2)',
      ),
      '0',
    ),
    ordered_at: rawOrder.ordered_at,
  },
  rules: [
    {
      name: 'amount-number',
      column: 'amount',
      check: sql`${rawOrder.amount} ~ ${numberPattern}`,
      message: 'amount is not a number',
    },
  ],
  constrain: true,
  disposition: 'merge',
});
const customerDimension = defineDimension(inLayer(dimCustomer, 'gold'), {
  from: inLayer(customer, 'silver'),
  select: {
    customer_id: customer.id,
    name: customer.name,
    status: customer.status,
    country: customer.country,
  },
  businessKey: ['customer_id'],
  surrogateKey: 'customer_key',
  deletes: 'close',
  unknownMember: { customer_id: -1, name: 'Unknown', status: 'unknown' },
  inferred: { name: '(inferred)', status: 'inferred' },
});
const dateDimension = defineDateDimension(inLayer(dimDate, 'gold'));
const fact = defineFact(inLayer(factOrder, 'gold'), {
  from: inLayer(order, 'silver'),
  select: { order_id: order.id, amount: order.amount },
  lookups: {
    customer_key: lookup(
      customerDimension,
      { customer_id: order.customer_id },
      { at: order.ordered_at, inferred: true },
    ),
    date_key: lookup(dateDimension, { date: sql<string>`(${order.ordered_at} at time zone 'UTC')::date` }),
  },
  disposition: 'append',
});

// --- the same steps by hand ------------------------------------------------------------------
const REJECT_COLUMNS = `load_id, source_table, target_table, stage, "column", rule, message, row`;
const handSilverCustomer = [
  `create temporary table s on commit drop as
   with c as (
     select distinct on (id) id, coalesce(trim(name), '') as name, coalesce(lower(trim(email)), '') as email,
       case lower(trim(status)) when 'act' then 'active' when 'active' then 'active' when 'on hold' then 'paused'
         when 'paused' then 'paused' when 'churned' then 'churned' end as status,
       upper(trim(country)) as country, updated_at, trim(name) <> '' as name_ok, email like '%@%' as email_ok
     from bronze.customer order by id, updated_at desc)
   select c.*, case when not coalesce(name_ok, false) then 'name-present' when not coalesce(email_ok, false) then 'email-format'
       when status is null then 'status-known' when char_length(email) > 80 then 'max-length'
       when row_number() over (partition by email order by id) > 1
         or exists (select 1 from silver.customer t where t.email = c.email and t.id <> c.id) then 'unique-email' end as reason
   from c`,
  `insert into datakit.rejects (${REJECT_COLUMNS})
   select gen_random_uuid(), 'bronze.customer', 'silver.customer', 'transform', null, reason, 'rejected (key id=' || id || ')', to_jsonb(s) - 'reason'
   from s where reason is not null`,
  `merge into silver.customer t using (select * from s where reason is null) s on t.id = s.id
   when matched and (t.name is distinct from s.name or t.email is distinct from s.email or t.status is distinct from s.status
     or t.country is distinct from s.country or t.updated_at is distinct from s.updated_at)
   then update set name = s.name, email = s.email, status = s.status, country = s.country, updated_at = s.updated_at
   when not matched then insert (id, name, email, status, country, updated_at) values (s.id, s.name, s.email, s.status, s.country, s.updated_at)`,
];
const handSilverOrder = [
  `create temporary table s on commit drop as
   select id, coalesce(customer_id, -1) as customer_id, case when amount ~ '${numberPattern}' then amount::numeric(12,2) else 0 end as amount, ordered_at,
     case when amount !~ '${numberPattern}' or amount is null then 'amount-number'
       when count(*) over (partition by id) > 1 then 'duplicate-key'
       when not exists (select 1 from silver.customer c where c.id = coalesce(o.customer_id, -1)) then 'foreign-key' end as reason
   from bronze."order" o`,
  `insert into datakit.rejects (${REJECT_COLUMNS})
   select gen_random_uuid(), 'bronze.order', 'silver.order', 'transform', null, reason, 'rejected (key id=' || id || ')', to_jsonb(s) - 'reason'
   from s where reason is not null`,
  `merge into silver."order" t using (select * from s where reason is null) s on t.id = s.id
   when matched and (t.customer_id is distinct from s.customer_id or t.amount is distinct from s.amount or t.ordered_at is distinct from s.ordered_at)
   then update set customer_id = s.customer_id, amount = s.amount, ordered_at = s.ordered_at
   when not matched then insert (id, customer_id, amount, ordered_at) values (s.id, s.customer_id, s.amount, s.ordered_at)`,
];
// The classic hand-written SCD2: close changed and deleted current versions, open the missing ones.
const handDimension = (at: string) => [
  `select pg_advisory_xact_lock(hashtext('datakit.dimension'), hashtext('gold.dim_customer'))`,
  `update gold.dim_customer d set valid_to = '${at}', is_current = false from silver.customer s
   where d.customer_id = s.id and d.is_current and d.customer_key <> -1
     and (d.is_inferred = false and (d.name is distinct from s.name or d.status is distinct from s.status or d.country is distinct from s.country))`,
  `update gold.dim_customer d set valid_to = '${at}', is_current = false
   where d.is_current and not d.is_inferred and d.customer_key <> -1 and not exists (select 1 from silver.customer s where s.id = d.customer_id)`,
  `insert into gold.dim_customer (customer_id, name, status, country, valid_from, valid_to, is_current, is_deleted, is_inferred)
   select s.id, s.name, s.status, s.country,
     case when exists (select 1 from gold.dim_customer v where v.customer_id = s.id) then '${at}'::timestamptz else '-infinity' end,
     'infinity', true, false, false
   from silver.customer s where not exists (select 1 from gold.dim_customer d where d.customer_id = s.id and d.is_current)`,
];
const handFact = [
  `select pg_advisory_xact_lock(hashtext('datakit.dimension'), hashtext('gold.dim_customer'))`,
  `insert into gold.dim_customer (customer_id, name, status, valid_from, valid_to, is_current, is_deleted, is_inferred)
   select distinct o.customer_id, '(inferred)', 'inferred', '-infinity'::timestamptz, 'infinity'::timestamptz, true, false, true
   from silver."order" o where not exists (select 1 from gold.dim_customer d where d.customer_id = o.customer_id)`,
  `insert into gold.fact_order (order_id, customer_key, date_key, amount)
   select o.id, coalesce(c.customer_key, -1), coalesce(dd.date_key, -1), o.amount
   from silver."order" o
   left join gold.dim_customer c on c.customer_id = o.customer_id and c.valid_from <= o.ordered_at and o.ordered_at < c.valid_to
   left join gold.dim_date dd on dd.date = (o.ordered_at at time zone 'UTC')::date`,
];

// --- harness ---------------------------------------------------------------------------------
async function onAdmin(statements: string[]): Promise<void> {
  const conn = await connect(adminUrl);
  try {
    for (const s of statements) await conn.query(s);
  } finally {
    await conn.close();
  }
}

async function setup(conn: Connection): Promise<void> {
  const ddl = conn.dialect.createDdlCompiler();
  for (const schema of ['bronze', 'silver', 'gold', 'datakit']) await conn.query(ddl.createSchema(schema));
  await conn.query(`create table datakit.rejects (
    id bigserial primary key, load_id uuid not null, source_table text not null, target_table text not null, row_number bigint,
    stage text not null, "column" text, rule text not null, message text not null, hint text, row jsonb, datakit text,
    datakit_version text, at timestamptz not null default now())`);
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

type Step = {
  name: string;
  rows: () => Promise<number>;
  reset: () => Promise<void>;
  datakit: () => Promise<unknown>;
  hand: () => Promise<unknown>;
  checksum: string;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  await onAdmin([
    'drop database if exists datakit_gold_bench with (force)',
    'create database datakit_gold_bench',
  ]);
  const conn = await connect(benchUrl);
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
        datakit: () => silverCustomer.run(conn, schemas),
        hand: () => hand(handSilverCustomer),
        checksum: `select count(*) || ':' || sum(hashtext(id || name || email || status || coalesce(country, '') || updated_at)) as c from silver.customer`,
      },
      {
        name: 'bronze → silver order (cast, foreign key, rejects, MERGE)',
        rows: () => count('select count(*) as n from bronze."order"'),
        reset: async () => {
          await conn.query('truncate silver."order"');
          await conn.query(`delete from datakit.rejects where target_table = 'silver.order'`);
        },
        datakit: () => silverOrder.run(conn, schemas),
        hand: () => hand(handSilverOrder),
        checksum: `select count(*) || ':' || sum(hashtext(id || ':' || customer_id || ':' || amount || ':' || ordered_at)) as c from silver."order"`,
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
        checksum: `select count(*) || ':' || sum(hashtext(customer_id || name || status || coalesce(country, '') || valid_from || valid_to || is_current)) as c from gold.dim_customer`,
      },
      {
        name: 'silver → SCD2 dim_customer, 10% changed, 1% deleted, 1% new',
        rows: () => count('select count(*) as n from silver.customer'),
        reset: restoreDimension,
        datakit: () => customerDimension.run(conn, { ...schemas, at: new Date(at2) }),
        hand: () => hand(handDimension(at2)),
        checksum: `select count(*) || ':' || sum(hashtext(customer_id || name || status || coalesce(country, '') || valid_from || valid_to || is_current)) as c from gold.dim_customer`,
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
        }
        continue;
      }
      const rows = await step.rows();
      const entry = { step: step.name, rows, datakit: [] as number[], hand: [] as number[] };
      for (let run = 1; run <= RUNS; run++) {
        for (const side of run % 2 === 1 ? (['datakit', 'hand'] as const) : (['hand', 'datakit'] as const)) {
          await step.reset();
          await conn.query('checkpoint');
          const started = performance.now();
          const out = await step[side]();
          if (process.env.GOLD_BENCH_STEPS && side === 'datakit')
            console.error(JSON.stringify((out as { steps?: unknown }).steps));
          entry[side].push((performance.now() - started) / 1000);
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
          `${step.name} run ${run}: datakit ${entry.datakit.at(-1)?.toFixed(2)} s, hand ${entry.hand.at(-1)?.toFixed(2)} s`,
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
    console.log(JSON.stringify({ rows: ROWS, runs: RUNS, steps: summary }));
  } finally {
    await conn.close();
    if (!KEEP) await onAdmin(['drop database if exists datakit_gold_bench with (force)']);
  }
}

await main();
