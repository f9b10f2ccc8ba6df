import * as my from 'drizzle-orm/mysql-core';
import * as pg from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';

await describeServer('mysql', 'the MySQL driver returns values as the server sends them', () => {
  let mysqlDb: TestDatabase;
  let pgDb: TestDatabase;
  let source: Connection;
  beforeAll(async () => {
    mysqlDb = await createTestDatabase('mysql', 'fid_driver');
    pgDb = await createTestDatabase('postgres', 'fid_driver_dw');
    source = await connect(mysqlDb.url);
  });
  afterAll(async () => {
    await source?.close();
    await mysqlDb?.drop();
    await pgDb?.drop();
  });

  it('gives text for temporal, decimal, bigint and JSON values, numbers for small integers, Buffers for bytes and bits', async () => {
    await source.query(`create table v (dt datetime(6), ts timestamp(6) null, d date, t time(6), flag tinyint(1), yr year,
      big bigint unsigned, amount decimal(5,2), j json, bin varbinary(4), b bit(12), en enum('a','b'), st set('x','y'))`);
    await source.query(`insert into v values ('2021-01-01 00:00:00.000001', '2021-01-01 00:00:00.5', '0000-00-00',
      '-838:59:59', 2, '0000', 18446744073709551615, -1.50, '"42"', X'ff00', b'101010101010', 'b', 'x,y')`);
    const { rows } = await source.query('select * from v');
    expect(rows[0]).toEqual({
      dt: '2021-01-01 00:00:00.000001',
      ts: '2021-01-01 00:00:00.500000',
      d: '0000-00-00',
      t: '-838:59:59.000000',
      flag: 2,
      yr: 0,
      big: '18446744073709551615',
      amount: '-1.50',
      j: '"42"',
      bin: Buffer.from([0xff, 0x00]),
      b: Buffer.from([0x0a, 0xaa]),
      en: 'b',
      st: 'x,y',
    });
    const doubles = await source.query('select 9.623817980940121e0 as d, 0.1e0 + 0.2e0 as s');
    expect(doubles.rows).toEqual([{ d: 9.623817980940121, s: 0.30000000000000004 }]);
  });

  it('ends a transfer with an error, not a hang, when the source connection is killed mid-read', async () => {
    await source.query('create table big (id int primary key, pad varchar(200) not null)');
    await source.query(`insert into big select seq, repeat('x', 200) from seq_1_to_200000`);
    const target = await connect(pgDb.url);
    const killer = await connect(mysqlDb.url);
    try {
      await target.query('create table big (id integer primary key, pad text not null)');
      let killed = false;
      const started = Date.now();
      const run = transfer({
        from: mysqlDb.url,
        to: target,
        source: my.mysqlTable('big', {
          id: my.int().primaryKey(),
          pad: my.varchar({ length: 200 }).notNull(),
        }),
        target: pg.pgTable('big', { id: pg.integer().primaryKey(), pad: pg.text().notNull() }),
        batchSize: 500,
        onProgress: () => {
          if (killed) return;
          killed = true;
          void killer
            .query<{ id: number }>(
              `select id from information_schema.processlist where db = ? and info like 'select%from \`big\`%'`,
              [mysqlDb.name],
            )
            .then(({ rows }) => Promise.all(rows.map((r) => killer.query(`kill ${Number(r.id)}`))));
        },
      });
      // A lost connection stays a CONNECTION error (worth retrying), naming the source.
      await expect(run).rejects.toMatchObject({
        code: 'CONNECTION',
        message: expect.stringContaining('the target is unchanged: Lost the connection to the source'),
      });
      expect(killed).toBe(true);
      expect(Date.now() - started).toBeLessThan(30_000);
      const { rows } = await target.query<{ n: string }>('select count(*) as n from big');
      expect(rows[0]?.n).toBe('0');
    } finally {
      await target.close();
      await killer.close();
    }
  });
});
