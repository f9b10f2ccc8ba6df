import * as my from 'drizzle-orm/mysql-core';
import * as pg from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';

const oddSource = my.mysqlTable('odd', {
  id: my.int().primaryKey(),
  d: my.date(),
  dt: my.datetime({ fsp: 6 }),
  flag: my.boolean(),
  vb: my.varbinary({ length: 8 }),
  jt: my.json(),
  tm: my.time(),
});
const oddTarget = pg.pgTable('odd', {
  id: pg.integer().primaryKey(),
  d: pg.date({ mode: 'date' }),
  dt: pg.timestamp({ precision: 6 }),
  flag: pg.boolean(),
  vb: pg.text(),
  jt: pg.jsonb(),
  tm: pg.time(),
});

// One row per way a MariaDB value cannot be read; row 6 is fine.
const ROWS = [
  `(1, '0000-00-00', null, 1, null, null, null)`,
  `(2, '2020-00-15', null, 0, null, null, null)`,
  `(3, null, '0000-00-00 00:00:00', null, null, null, null)`,
  `(4, null, null, 2, null, null, null)`,
  `(5, null, null, null, X'ff41', null, null)`,
  `(6, '2024-02-29', '2021-01-01 00:00:00.000001', 1, X'c3a9', '{"a": 1}', '23:59:59')`,
  `(7, null, '2021-02-30 10:00:00', null, null, null, null)`,
  `(8, null, null, null, null, 'not json', null)`,
  `(9, null, null, null, null, null, '838:59:59')`,
];

await describeServer('mysql', 'unreadable MariaDB values reject their row', () => {
  let mysqlDb: TestDatabase;
  let pgDb: TestDatabase;
  let source: Connection;
  let target: Connection;
  beforeAll(async () => {
    mysqlDb = await createTestDatabase('mysql', 'fid_rejects');
    pgDb = await createTestDatabase('postgres', 'fid_rejects_dw');
    source = await connect(mysqlDb.url);
    target = await connect(pgDb.url);
    await source.query(
      'create table odd (id int primary key, d date null, dt datetime(6) null, flag tinyint(1), vb varbinary(8), jt longtext, tm time)',
    );
    await source.transaction(async (tx) => {
      await tx.query(`set session sql_mode = 'ALLOW_INVALID_DATES'`);
      await tx.query(`insert into odd values ${ROWS.join(', ')}`);
    });
    await target.query(
      'create table odd (id integer primary key, d date, dt timestamp(6), flag boolean, vb text, jt jsonb, tm time)',
    );
  });
  beforeEach(async () => {
    await target.query('truncate odd');
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    await mysqlDb?.drop();
    await pgDb?.drop();
  });

  it('rejects each row with its key, column, original value and rule, and loads the rest', async () => {
    const result = await transfer({
      from: source,
      to: target,
      source: oddSource,
      target: oddTarget,
      maxRejects: 20,
      // jt is longtext in MariaDB but json in the contract: quarantine lets its rows reach per-row checks.
      drift: { source: 'quarantine' },
    });
    expect(result.rows).toMatchObject({ read: 9, loaded: 1, rejected: 8 });
    const byRow = Object.fromEntries(result.rejects.map((r) => [r.message.match(/Row id=(\d+)/)?.[1], r]));
    expect(byRow['1']).toMatchObject({
      stage: 'source',
      column: 'd',
      rule: 'zero-date',
      message: `Row id=1 of "odd": column "d" holds the zero date '0000-00-00'`,
      hint: expect.stringContaining("zeroDates: 'null'"),
    });
    expect(byRow['2']).toMatchObject({
      column: 'd',
      rule: 'zero-date',
      message: expect.stringContaining(`'2020-00-15'`),
    });
    expect(byRow['3']).toMatchObject({
      column: 'dt',
      rule: 'zero-date',
      message: expect.stringContaining(`'0000-00-00 00:00:00.000000'`),
    });
    expect(byRow['4']).toMatchObject({
      column: 'flag',
      rule: 'boolean',
      message: expect.stringContaining(`holds '2', which is neither 0 (false) nor 1 (true)`),
    });
    expect(byRow['5']).toMatchObject({
      column: 'vb',
      rule: 'utf8',
      message: expect.stringContaining('0xff41'),
      hint: expect.stringContaining('Uint8Array'),
    });
    expect(byRow['7']).toMatchObject({
      column: 'dt',
      rule: 'invalid-date',
      message: expect.stringContaining('2021-02-30'),
    });
    expect(byRow['8']).toMatchObject({ column: 'jt', message: expect.stringContaining(`'not json'`) });
    // MySQL TIME is a duration; PostgreSQL time holds a time of day only.
    expect(byRow['9']).toMatchObject({
      stage: 'target',
      column: 'tm',
      message: expect.stringContaining('838:59:59'),
    });
    const { rows } = await target.query<{
      id: number;
      d: string;
      dt: string;
      flag: boolean;
      vb: string;
      jt: string;
      tm: string;
    }>(`select id, d::text as d, dt::text as dt, flag, vb, jt::text as jt, tm::text as tm from odd`);
    expect(rows).toEqual([
      {
        id: 6,
        d: '2024-02-29',
        dt: '2021-01-01 00:00:00.000001',
        flag: true,
        vb: 'é',
        jt: '{"a": 1}',
        tm: '23:59:59',
      },
    ]);
    const stored = await target.query<{ column_name: string; rule: string; row: string }>(
      `select "column" as column_name, rule, row::text as row from datakit.rejects where load_id = $1 and rule = 'zero-date' order by row_number`,
      [result.loadId],
    );
    expect(stored.rows.map((r) => r.column_name)).toEqual(['d', 'd', 'dt']);
    expect(stored.rows[0]?.row).toContain('"d": "0000-00-00"');
  });

  it("reads zero dates as NULL with zeroDates: 'null', and nothing else changes", async () => {
    const result = await transfer({
      from: source,
      to: target,
      source: oddSource,
      target: oddTarget,
      zeroDates: 'null',
      maxRejects: 20,
      // jt is longtext in MariaDB but json in the contract: quarantine lets its rows reach per-row checks.
      drift: { source: 'quarantine' },
    });
    expect(result.rows).toMatchObject({ read: 9, loaded: 4, rejected: 5 });
    const { rows } = await target.query<{ id: number; d: string | null; dt: string | null }>(
      `select id, d::text as d, dt::text as dt from odd order by id`,
    );
    expect(rows).toEqual([
      { id: 1, d: null, dt: null },
      { id: 2, d: null, dt: null },
      { id: 3, d: null, dt: null },
      { id: 6, d: '2024-02-29', dt: '2021-01-01 00:00:00.000001' },
    ]);
  });

  it('names a wrong zeroDates value and the values it takes', async () => {
    await expect(
      transfer({
        from: source,
        to: target,
        source: oddSource,
        target: oddTarget,
        zeroDates: 'NULL' as 'null',
      }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining(`zeroDates must be 'reject' or 'null', got "NULL"`),
    });
  });
});
