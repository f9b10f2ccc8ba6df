import type { Table } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import {
  bigint,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reference, temporal, transactional } from '../../src/contract/audit-mixins.js';
import { compileValidator } from '../../src/contract/compile-validator.js';
import { fromDrizzle } from '../../src/contract/from-drizzle.js';
import { tstzrange } from '../../src/contract/tstzrange.js';
import { PostgresDdlCompiler } from '../../src/dialect/postgres/postgres-ddl-compiler.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';

const customer = pgTable('customer', {
  id: integer().primaryKey(),
  name: text().notNull(),
  ...transactional(),
});
const country = pgTable('country', { code: varchar({ length: 2 }).primaryKey(), ...reference() });
const price = pgTable('price', {
  product_id: integer().notNull(),
  amount: numeric({ precision: 12, scale: 2 }).notNull(),
  ...temporal(),
});
const probe = pgTable('probe', {
  id: integer().primaryKey(),
  small: smallint(),
  code: varchar({ length: 5 }),
  amount: numeric({ precision: 6, scale: 2 }),
  name: text(),
  ext: uuid(),
  born: date(),
  at: timestamp({ withTimezone: true, mode: 'string' }),
  big: bigint({ mode: 'bigint' }),
  valid: tstzrange(),
  doc: jsonb(),
});

// [column, value, accepted by both the validator and PostgreSQL]
const probes: [string, unknown, boolean][] = [
  ['small', 32767, true],
  ['small', 32768, false],
  ['small', 1.5, false],
  ['code', '😀😀😀😀😀', true],
  ['code', 'abcdef', false],
  ['code', '😀😀😀😀😀😀', false],
  ['amount', '9999.99', true],
  ['amount', '1.230', true],
  ['amount', '10000', false],
  ['amount', '9999.995', false],
  ['name', 'a\u0000b', false],
  ['ext', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', true],
  ['ext', 'not-a-uuid', false],
  ['born', '2024-02-29', true],
  ['born', '2023-02-29', false],
  ['at', '2024-05-01 12:30:00.123456+02', true],
  ['at', '2024-13-01 00:00:00', false],
  ['big', 9223372036854775807n, true],
  ['big', 2n ** 63n, false],
  ['valid', '[2024-01-01 00:00:00+00,infinity)', true],
  ['valid', 'yesterday', false],
  ['doc', { a: [1, null] }, true],
];

await describeServer('postgres', 'validator rules match PostgreSQL', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let orm: NodePgDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('postgres', 'validator');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    orm = drizzle(client);
    const ddl = new PostgresDdlCompiler();
    for (const table of [customer, country, price, probe] as Table[]) {
      for (const statement of ddl.createTable(fromDrizzle(table))) await client.query(statement);
    }
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('creates the audit mixin columns, fills their defaults, and reads rows back that pass the select validator', async () => {
    const rows = [
      [customer, { id: 1, name: 'Ada' }],
      [country, { code: 'NL' }],
      [price, { product_id: 7, amount: '12.50', effective_time: new Date('2024-01-01T00:00:00Z') }],
    ] as const;
    for (const [table, row] of rows) {
      expect(compileValidator(table, { mode: 'insert' }).explainAll(row)).toEqual([]);
      await orm.insert(table).values(row as never);
      const read = await orm.select().from(table);
      expect(read).toHaveLength(1);
      const validator = compileValidator(table, { mode: 'select' });
      expect(validator.explainAll(read[0])).toEqual([]);
      expect((read[0] as { systime: string }).systime).toMatch(/^\["\d{4}-\d{2}-\d{2} [^"]+",infinity\)$/);
    }
    const insert = compileValidator(price, { mode: 'insert' });
    expect(insert.explain({ product_id: 7, amount: '1' })).toMatchObject({
      column: 'effective_time',
      rule: 'not-null',
    });
  });

  it('accepts exactly the values PostgreSQL stores, and rejects the ones it refuses', async () => {
    const validator = compileValidator(probe, { mode: 'insert' });
    let id = 0;
    for (const [column, value, accepted] of probes) {
      const row = { id: ++id, [column]: value };
      const stored = await orm
        .insert(probe)
        .values(row as never)
        .then(
          () => true,
          () => false,
        );
      expect([validator.check(row), stored], `${column} = ${String(value)}`).toEqual([accepted, accepted]);
    }
    const select = compileValidator(probe, { mode: 'select' });
    const read = await orm.select().from(probe);
    expect(read.length).toBe(probes.filter(([, , accepted]) => accepted).length);
    for (const row of read) expect(select.explainAll(row)).toEqual([]);
  });

  it('refuses digits PostgreSQL would round away, where PostgreSQL silently rounds', async () => {
    const row = { id: 1000, amount: '1.234' };
    expect(compileValidator(probe, { mode: 'insert' }).explain(row)?.rule).toBe('numeric-precision:6,2');
    await orm.insert(probe).values(row);
    const { rows } = await client.query('select amount from probe where id = 1000');
    expect(rows[0]?.amount).toBe('1.23');
  });
});
