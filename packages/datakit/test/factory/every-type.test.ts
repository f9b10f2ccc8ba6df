import { PGlite } from '@electric-sql/pglite';
import { count, getTableColumns, type Table } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileValidator, type RowValidator } from '../../src/contract/compile-validator.js';
import { fromDrizzle } from '../../src/contract/from-drizzle.js';
import { PostgresDdlCompiler } from '../../src/dialect/postgres/postgres-ddl-compiler.js';
import { factory } from '../../src/factory/factory.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { everyType } from './every-type-table.js';

type Db = PgDatabase<PgQueryResultHKT>;

const select = compileValidator(everyType, { mode: 'select' });
const insert = compileValidator(everyType, { mode: 'insert' });
const failures = (validator: Pick<RowValidator<unknown>, 'check' | 'explainAll'>, rows: readonly object[]) =>
  rows.flatMap((row, i) => (validator.check(row) ? [] : validator.explainAll(row, i + 1)));

/** Build options a property draws: any seed, null rate and reference time. */
const options = fc.record({
  seed: fc.integer(),
  nullRate: fc.double({ min: 0, max: 1, noNaN: true }),
  now: fc.date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2090-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
});

describe('factory rows of every PostgreSQL type', () => {
  it('pass the contract validator, for any seed, null rate and now (select rows and insert rows)', () => {
    fc.assert(
      fc.property(options, fc.integer({ min: 1, max: 30 }), (opts, n) => {
        expect(failures(select, factory(everyType).build(n, opts))).toEqual([]);
        expect(failures(insert, factory(everyType).buildInsert(n, opts))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('make a value for every column, and the same values for a seed', () => {
    const rows = factory(everyType).build(60, { seed: 5, nullRate: 0 });
    for (const key of Object.keys(getTableColumns(everyType)))
      expect(rows.every((row) => (row as Record<string, unknown>)[key] !== null)).toBe(true);
    expect(factory(everyType).build(60, { seed: 5, nullRate: 0 })).toEqual(rows);
  });

  it('the validator catches a word where a format is wanted (the test can fail)', () => {
    const [row] = factory(everyType).build(1, { overrides: { ip: 'router', bits: '0101', tmtz: 'noon' } });
    expect(failures(select, [row as object]).map((f) => f.rule)).toEqual([
      'format:timetz',
      'format:inet',
      'bit-length:8',
    ]);
  });
});

/** Inserts built rows (explicit keys), then insert rows (database keys), in batches; checks what comes back. */
async function load(db: Db, seed: number, nullRate: number): Promise<void> {
  const built = factory(everyType).build(30, { seed, nullRate });
  await db.execute('truncate every_type restart identity');
  await db.insert(everyType).values(built);
  const read = await db.select().from(everyType);
  expect(read).toHaveLength(built.length);
  expect(failures(select, read)).toEqual([]);
  await db.execute('truncate every_type restart identity');
  await db.insert(everyType).values(factory(everyType).buildInsert(30, { seed, nullRate }));
  expect(await db.select({ n: count() }).from(everyType)).toEqual([{ n: 30 }]);
}

async function createTable(run: (sql: string) => Promise<unknown>): Promise<void> {
  for (const sql of new PostgresDdlCompiler().createTable(fromDrizzle(everyType as Table))) await run(sql);
}

const dbRuns = { numRuns: 6 };
const dbOptions = [fc.integer(), fc.constantFrom(0, 0.2, 1)] as const;

await describeServer('postgres', 'factory rows of every type load into PostgreSQL', () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'every_type');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await createTable((sql) => client.query(sql));
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('inserts every row the factory builds, for any seed', async () => {
    const db = drizzlePg(client) as unknown as Db;
    await fc.assert(
      fc.asyncProperty(...dbOptions, (seed, nullRate) => load(db, seed, nullRate)),
      dbRuns,
    );
  });
});

describe('factory rows of every type load into PGlite', () => {
  let pglite: PGlite;

  beforeAll(async () => {
    pglite = new PGlite();
    await createTable((sql) => pglite.exec(sql));
  });
  afterAll(async () => {
    await pglite?.close();
  });

  it('inserts every row the factory builds, for any seed', async () => {
    const db = drizzlePglite(pglite) as unknown as Db;
    await fc.assert(
      fc.asyncProperty(...dbOptions, (seed, nullRate) => load(db, seed, nullRate)),
      dbRuns,
    );
  });
});
