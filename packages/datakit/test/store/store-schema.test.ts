import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Connection } from '../../src/dialect/connection.js';
import { dumpStoreSchema } from '../../src/store/dump-store-schema.js';
import { LATEST_STORE_VERSION, migrateStore } from '../../src/store/migrate-store.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { splitSqlStatements } from '../../src/store/split-sql-statements.js';
import { compileStoreSchema, DEFAULT_STORE_SCHEMA } from '../../src/store/store-schema.js';
import { describeOnEachStore, type OpenStoreDatabase } from './on-each-store.js';

const FILE = path.resolve(import.meta.dirname, '../../src/store/schema.sql');
const STALE =
  'packages/datakit/src/store/schema.sql is not the schema the run store migrations make: ' +
  'run `npm run store:dump` and commit the file with the migration';

function schemaSuite(open: OpenStoreDatabase) {
  let conn: Connection;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ conn, close } = await open());
  });
  afterAll(() => close());

  it('a store migrated from empty dumps as the committed src/store/schema.sql', async () => {
    await migrateStore(conn, DEFAULT_STORE_SCHEMA);
    expect(await dumpStoreSchema(conn, DEFAULT_STORE_SCHEMA), STALE).toBe(readFileSync(FILE, 'utf8'));
  });

  it('the migrations build the same store under another schema name: none names datakit itself', async () => {
    const other = compileStoreSchema('dk_other_store');
    await migrateStore(conn, DEFAULT_STORE_SCHEMA);
    await migrateStore(conn, other);
    const dump = await dumpStoreSchema(conn, other);
    expect(dump).toContain('create table dk_other_store.runs (');
    expect(
      dump.replaceAll('dk_other_store', 'datakit'),
      'a migration names a table of the schema datakit instead of taking it from sql(store)',
    ).toBe(await dumpStoreSchema(conn, DEFAULT_STORE_SCHEMA));
  });

  it('a store an earlier Datakit left at any version migrates to the same schema', async () => {
    await migrateStore(conn, DEFAULT_STORE_SCHEMA);
    const expected = await dumpStoreSchema(conn, DEFAULT_STORE_SCHEMA);
    for (let version = 1; version < LATEST_STORE_VERSION; version++) {
      const name = `dk_store_v${version}`;
      const store = compileStoreSchema(name);
      await conn.query(`drop schema if exists ${store.schema} cascade`);
      await conn.query(`create schema ${store.schema}`);
      await conn.query(`create table ${store.migrations} (
        "version" integer primary key, "name" text not null, "applied_at" timestamptz not null default now())`);
      for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
        for (const statement of splitSqlStatements(m.sql(store))) await conn.query(statement);
        await conn.query(`insert into ${store.migrations} ("version", "name") values ($1, $2)`, [
          m.version,
          m.name,
        ]);
      }
      const result = await migrateStore(conn, store);
      expect(result.applied.map((m) => m.version)).toEqual(
        MIGRATIONS.filter((m) => m.version > version).map((m) => m.version),
      );
      expect((await dumpStoreSchema(conn, store)).replaceAll(name, 'datakit')).toBe(expected);
      await conn.query(`drop schema ${store.schema} cascade`);
    }
  });
}

await describeOnEachStore('the run store schema', 'store_schema', schemaSuite);
