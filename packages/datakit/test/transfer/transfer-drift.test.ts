import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DriftPolicy } from '../../src/contract/define-datakit.js';
import { fromDrizzle } from '../../src/contract/from-drizzle.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { checkDrift } from '../../src/drift/check-drift.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { transfer } from '../../src/transfer/transfer.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import {
  bronzeCustomer,
  bronzeRows,
  createBronze,
  createSource,
  customer,
  insertSource,
  seedRows,
  toBronze,
} from './fixtures.js';

function driftSuite(db: () => Connection) {
  const count = async (sql: string) => Number((await db().query<{ n: string }>(sql)).rows[0]?.n);
  /** What `datakit drift` says about bronze.customer under a policy (the same check, nothing applied). */
  const driftSays = async (policy: DriftPolicy) =>
    (
      await checkDrift({
        connection: db(),
        tables: [{ system: 'bronze', role: 'target', contract: fromDrizzle(bronzeCustomer), policy }],
      })
    ).tables[0]?.outcome;

  beforeEach(async () => {
    await createSource(db());
    await createBronze(db());
    await insertSource(db(), seedRows(200));
  });

  it('refuses breaking drift before a row moves, naming the column and the fix', async () => {
    await db().query('alter table bronze.customer drop column score');
    const error = (await transfer({ from: db(), to: db(), transform: toBronze }).catch(
      (e: unknown) => e,
    )) as DatakitError;
    expect(error).toBeInstanceOf(DatakitError);
    expect(error.code).toBe('DRIFT');
    expect(error.message).toContain('no rows were moved');
    expect(error.context).toMatchObject({ table: 'customer', column: 'score' });
    expect(await count('select count(*) as n from bronze.customer')).toBe(0);
    expect(await count('select count(*) as n from datakit.loads')).toBe(0);
  });

  it('refuses breaking drift of the source too', async () => {
    await db().query('alter table crm.customer drop column email');
    await expect(transfer({ from: db(), to: db(), transform: toBronze })).rejects.toMatchObject({
      code: 'DRIFT',
      context: { system: expect.any(String), column: 'email' },
    });
  });

  it('evolve: widens a narrowed target column first, as datakit drift plans it, then loads', async () => {
    await db().query('alter table bronze.customer alter column email type varchar(20)');
    expect(await driftSays('fail')).toBe('fail');
    expect(await driftSays('evolve')).toBe('evolve');
    await expect(transfer({ from: db(), to: db(), transform: toBronze })).rejects.toMatchObject({
      code: 'DRIFT',
    });
    const result = await transfer({ from: db(), to: db(), transform: toBronze, drift: { target: 'evolve' } });
    expect(result.drift).toMatchObject({ source: 'ok', target: 'evolve' });
    expect(result.drift?.applied.join(' ')).toMatch(/varchar\(40\)/i);
    expect(result.rows).toMatchObject({ read: 200, loaded: 200, rejected: 0 });
    const { rows } = await db().query<{ n: number }>(
      `select character_maximum_length as n from information_schema.columns where table_schema = 'bronze' and table_name = 'customer' and column_name = 'email'`,
    );
    expect(rows[0]?.n).toBe(40);
    expect(await driftSays('fail')).toBe('ok');
  });

  it('quarantine: loads, and rejects each row the live table would refuse, as datakit drift says', async () => {
    await db().query('alter table bronze.customer alter column email type varchar(23)');
    expect(await driftSays('quarantine')).toBe('quarantine');
    const result = await transfer({
      from: db(),
      to: db(),
      transform: toBronze,
      drift: { target: 'quarantine' },
      maxRejects: 200,
    });
    expect(result.drift).toMatchObject({ target: 'quarantine', applied: [] });
    const tooLong = seedRows(200).filter((r) => (r.email?.length ?? 0) > 23).length;
    expect(tooLong).toBeGreaterThan(0);
    expect(result.rows).toMatchObject({ read: 200, rejected: tooLong, loaded: 200 - tooLong });
    expect(result.rejects[0]).toMatchObject({ stage: 'target', column: 'email', rule: 'max-length:23' });
    expect(await bronzeRows(db())).toHaveLength(200 - tooLong);
  });
}

describe('transfer() into a MySQL warehouse', () => {
  it('is refused first, before connecting or checking drift', async () => {
    await expect(
      transfer({
        from: 'pglite://memory',
        to: 'mysql://root:pw@127.0.0.1:1/nowhere',
        source: customer,
        target: bronzeCustomer,
      }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: 'The warehouse must be PostgreSQL or PGlite, not mysql (mysql://root:***@127.0.0.1:1/nowhere)',
    });
  });
});

describe('drift inside transfer() [pglite]', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await connect('pglite://memory');
  });
  afterAll(() => conn.close());
  driftSuite(() => conn);
});

await describeServer('postgres', 'drift inside transfer()', () => {
  let db: TestDatabase;
  let conn: Connection;
  beforeAll(async () => {
    db = await createTestDatabase('postgres', 'tdrift');
    conn = await connect(db.url);
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });
  driftSuite(() => conn);
});
