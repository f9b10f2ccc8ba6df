import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { LATEST_STORE_VERSION, migrateStore } from '../../src/store/migrate-store.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { splitSqlStatements } from '../../src/store/split-sql-statements.js';
import { compileStoreSchema } from '../../src/store/store-schema.js';
import { storeVersion } from '../../src/store/store-version.js';
import { transfer } from '../../src/transfer/transfer.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { createBronze, createSource, insertSource, seedRows, toBronze } from '../transfer/fixtures.js';

describe('run store migrations', () => {
  it('are numbered 1, 2, ... with one file each, named NNNN-name.ts after their name', () => {
    const dir = path.resolve(import.meta.dirname, '../../src/store/migrations');
    const files = readdirSync(dir).sort();
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(files).toEqual(MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}.ts`));
    expect(LATEST_STORE_VERSION).toBe(MIGRATIONS.length);
  });

  it('split into statements at top-level semicolons only', () => {
    expect(
      splitSqlStatements(`create table a (x text default 'a;b'); -- c; d
        create function f() returns int as $body$ select 1; $body$ language sql;
        /* e; */ select ";" from a;`),
    ).toEqual([
      `create table a (x text default 'a;b')`,
      `-- c; d\n        create function f() returns int as $body$ select 1; $body$ language sql`,
      `/* e; */ select ";" from a`,
    ]);
  });
});

function storeSuite(
  open: () => Promise<{ conn: Connection; fresh: () => Promise<void>; close: () => Promise<void> }>,
) {
  let conn: Connection;
  let fresh: () => Promise<void>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ conn, fresh, close } = await open());
  });
  afterAll(() => close());
  beforeEach(() => fresh());

  it('applies every migration once, in one transaction, and records the version', async () => {
    expect(await storeVersion(conn)).toBe(0);
    const first = await migrateStore(conn);
    expect(first).toEqual({
      from: 0,
      to: LATEST_STORE_VERSION,
      applied: MIGRATIONS.map(({ version, name }) => ({ version, name })),
    });
    expect(await storeVersion(conn)).toBe(LATEST_STORE_VERSION);
    expect(await migrateStore(conn)).toEqual({
      from: LATEST_STORE_VERSION,
      to: LATEST_STORE_VERSION,
      applied: [],
    });
    const { rows } = await conn.query<{ n: number }>('select count(*)::int as n from datakit.migrations');
    expect(rows[0]?.n).toBe(MIGRATIONS.length);
  });

  it('refuses a store newer than this Datakit', async () => {
    await migrateStore(conn);
    await conn.query(
      `insert into datakit.migrations (version, name) values (${LATEST_STORE_VERSION + 1}, 'future')`,
    );
    await expect(migrateStore(conn)).rejects.toThrow(/newer than this Datakit knows/);
  });

  it('refuses to adopt a run store made before migrations, and changes nothing', async () => {
    await conn.query('create schema datakit');
    await conn.query('create table datakit.loads (load_id uuid primary key)');
    await expect(migrateStore(conn)).rejects.toThrow(/from before versioned migrations/);
    expect(await storeVersion(conn)).toBe(0);
  });

  it('a transfer that may not migrate says to run datakit deploy; one that may, migrates', async () => {
    await createSource(conn);
    await createBronze(conn);
    await insertSource(conn, seedRows(5));
    const error = (await transfer({ from: conn, to: conn, transform: toBronze, migrateStore: false }).catch(
      (e: unknown) => e,
    )) as DatakitError;
    expect(error).toBeInstanceOf(DatakitError);
    expect(error.message).toContain('has no run store');
    expect(error.hint).toContain('datakit deploy');
    const result = await transfer({ from: conn, to: conn, transform: toBronze });
    expect(result.rows.loaded).toBe(5);
    expect(await storeVersion(conn)).toBe(LATEST_STORE_VERSION);
  });

  it('a transfer given another store schema migrates it and records its load and cursor there alone', async () => {
    const other = compileStoreSchema('dk_other_store');
    await conn.query('drop schema if exists dk_other_store cascade');
    await createSource(conn);
    await createBronze(conn);
    await insertSource(conn, seedRows(5));
    const result = await transfer({
      from: conn,
      to: conn,
      transform: toBronze,
      cursor: 'updated_at',
      storeSchema: other,
    });
    expect(result.rows.loaded).toBe(5);
    expect(await storeVersion(conn, other)).toBe(LATEST_STORE_VERSION);
    expect(await storeVersion(conn)).toBe(0);
    const loads = await conn.query<{ status: string }>(`select "status" from ${other.loads}`);
    expect(loads.rows).toEqual([{ status: 'succeeded' }]);
    const cursors = await conn.query<{ n: number }>(`select count(*)::int as n from ${other.cursors}`);
    expect(cursors.rows[0]?.n).toBe(1);
    await conn.query('drop schema dk_other_store cascade');
  });
}

describe('run store [pglite]', () => {
  storeSuite(async () => {
    const conn = await connect('pglite://memory');
    return {
      conn,
      fresh: async () => {
        await conn.query('drop schema if exists datakit cascade');
      },
      close: () => conn.close(),
    };
  });
});

await describeServer('postgres', 'run store', () => {
  let db: TestDatabase;
  storeSuite(async () => {
    db = await createTestDatabase('postgres', 'store');
    const conn = await connect(db.url);
    return {
      conn,
      fresh: async () => {
        await conn.query('drop schema if exists datakit cascade');
      },
      close: async () => {
        await conn.close();
        await db.drop();
      },
    };
  });

  it('two concurrent first transfers into a fresh warehouse both succeed (separate sessions, 3 rounds)', async () => {
    const admin = await connect(db.url);
    const a = await connect(db.url);
    const b = await connect(db.url);
    try {
      await createSource(admin);
      await insertSource(admin, seedRows(300));
      for (let round = 0; round < 3; round++) {
        await createBronze(admin); // drops the run store too: every round starts fresh
        await admin.query('create schema if not exists other');
        await admin.query('drop table if exists other.customer');
        await admin.query('create table other.customer (like bronze.customer including all)');
        const results = await Promise.allSettled([
          transfer({ from: a, to: a, transform: toBronze, name: 'to-bronze' }),
          transfer({ from: b, to: b, transform: toBronze, name: 'to-other', targetSchema: 'other' }),
        ]);
        expect(
          results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.value.rows.loaded)),
        ).toEqual([300, 300]);
        const { rows } = await admin.query<{ n: number }>(
          'select count(*)::int as n from datakit.migrations',
        );
        expect(rows[0]?.n).toBe(MIGRATIONS.length);
      }
    } finally {
      await Promise.all([admin.close(), a.close(), b.close()]);
    }
  });
});
