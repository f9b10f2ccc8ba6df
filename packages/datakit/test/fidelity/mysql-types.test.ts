import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { diffInSql, inTimeZone } from './mysql-compare.js';
import { fidSource, fidTarget, TYPE_CASES, TYPE_ROWS, typeTableSql } from './mysql-type-cases.js';

const ZONES = ['UTC', 'Asia/Kolkata', 'America/New_York'];

await describeServer('mysql', 'MariaDB types arrive exactly', () => {
  let mysqlDb: TestDatabase;
  let pgDb: TestDatabase;
  let source: Connection;
  const targets: Record<string, Connection> = {};
  beforeAll(async () => {
    mysqlDb = await createTestDatabase('mysql', 'fid_types');
    pgDb = await createTestDatabase('postgres', 'fid_types_dw');
    source = await connect(mysqlDb.url);
    targets.postgres = await connect(pgDb.url);
    targets.pglite = await connect('pglite://memory');
    const sql = typeTableSql();
    for (const statement of sql.mysql) await source.query(statement);
    for (const target of Object.values(targets)) await target.query(sql.pg);
  });
  afterAll(async () => {
    await source?.close();
    for (const target of Object.values(targets)) await target.close();
    await mysqlDb?.drop();
    await pgDb?.drop();
  });

  it('reads in the session time zone +00:00, whatever the server and the process say', async () => {
    const { rows } = await source.query<{ tz: string }>('select @@session.time_zone as tz');
    expect(rows[0]?.tz).toBe('+00:00');
  });

  for (const name of ['postgres', 'pglite'])
    describe(`MariaDB → ${name}`, () => {
      for (const zone of ZONES)
        it(`keeps every value of every type with TZ=${zone}`, async () => {
          const target = targets[name] as Connection;
          const result = await inTimeZone(zone, () =>
            transfer({
              from: source,
              to: target,
              source: fidSource,
              target: fidTarget,
              disposition: 'replace',
            }),
          );
          expect(result.rejects).toEqual([]);
          expect(result.rows).toMatchObject({ read: TYPE_ROWS, loaded: TYPE_ROWS, rejected: 0 });
          const diff = await diffInSql(source, 'fid', target, 'fid', TYPE_CASES);
          expect(diff).toEqual({ missing: [], extra: [], columns: [] });
        });

      it('reports every row unchanged when a merge runs again (TZ=Asia/Kolkata)', async () => {
        const target = targets[name] as Connection;
        const merge = () =>
          inTimeZone('Asia/Kolkata', () =>
            transfer({
              from: source,
              to: target,
              source: fidSource,
              target: fidTarget,
              disposition: 'merge',
            }),
          );
        await target.query('truncate fid');
        const first = await merge();
        expect(first.rows).toMatchObject({ inserted: TYPE_ROWS, rejected: 0 });
        const second = await merge();
        expect(second.rows).toMatchObject({ unchanged: TYPE_ROWS, updated: 0, inserted: 0, rejected: 0 });
      });
    });
});
