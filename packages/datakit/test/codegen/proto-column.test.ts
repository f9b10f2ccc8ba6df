import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Table } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { introspectToDirectory } from '../../src/codegen/introspect-to-directory.js';
import type { Datakit } from '../../src/contract/define-datakit.js';
import { deployWarehouse } from '../../src/deploy/deploy-warehouse.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { generatedDir } from './type-check.js';

// Issue 10, finding 5: a column named __proto__ vanished from the generated table (an object
// literal key sets the prototype), so deploy left it out and its data was lost without an error.
const ROWS: [number, string | null, string | null][] = [
  [1, 'proto one', 'ctor one'],
  [2, null, 'ctor two'],
  [3, '{"a":1}', null],
];

async function introspectModule(conn: Connection, dir: string): Promise<Datakit> {
  const out = path.join(dir, 'odd');
  const { files, exportName } = await introspectToDirectory({ connection: conn, out });
  const module = (await import(pathToFileURL(files[0] as string).href)) as Record<string, Datakit>;
  return module[exportName] as Datakit;
}

async function warehouseRows(warehouse: Connection, table: string): Promise<unknown[]> {
  const { rows } = await warehouse.query(`select id, "__proto__", "constructor" from ${table} order by id`);
  return rows.map((r) => Object.values(r as Record<string, unknown>));
}

await describeServer('postgres', 'a column named __proto__ (PostgreSQL source)', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    [source, target] = await Promise.all([
      createTestDatabase('postgres', 'proto_src'),
      createTestDatabase('postgres', 'proto_dw'),
    ]);
    dir = await generatedDir('proto-pg');
  });
  afterAll(async () => {
    await Promise.all([source?.drop(), target?.drop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is generated with its SQL name, deploys, and its data loads', async () => {
    const from = await connect(source.url);
    const to = await connect(target.url);
    try {
      await from.query('create table odd (id integer primary key, "__proto__" text, "constructor" text)');
      for (const row of ROWS) await from.query('insert into odd values ($1, $2, $3)', row);
      const datakit = await introspectModule(from, dir);
      expect(datakit.schemaOf('odd').columns.map((c) => c.name)).toEqual(['id', '__proto__', 'constructor']);

      const deployed = await deployWarehouse({
        warehouse: {
          layers: { bronze: { datakits: [datakit], schema: 'public' } },
          environments: { dev: { url: target.url } },
        },
        connection: to,
        apply: true,
      });
      expect(deployed.status).not.toBe('refused');
      const table = datakit.tables.odd as Table;
      const result = await transfer({ from, to, source: table, target: table });
      expect(result.rows).toMatchObject({ read: 3, loaded: 3, rejected: 0 });
      expect(await warehouseRows(to, 'odd')).toEqual(ROWS);
    } finally {
      await from.close();
      await to.close();
    }
  });
});

await describeServer('mysql', 'a column named __proto__ (MariaDB source)', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    [source, target] = await Promise.all([
      createTestDatabase('mysql', 'proto_src'),
      createTestDatabase('postgres', 'proto_dw'),
    ]);
    dir = await generatedDir('proto-mysql');
  });
  afterAll(async () => {
    await Promise.all([source?.drop(), target?.drop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads the column from driver rows without touching a prototype', async () => {
    const from = await connect(source.url);
    const to = await connect(target.url);
    try {
      await from.query('create table odd (id int primary key, `__proto__` text, `constructor` text)');
      for (const row of ROWS) await from.query('insert into odd values (?, ?, ?)', row);
      const datakit = await introspectModule(from, dir);
      const bronze = pgTable('odd', {
        id: integer().primaryKey(),
        __proto___: text('__proto__'),
        constructor_: text('constructor'),
      });
      await to.query('create table odd (id integer primary key, "__proto__" text, "constructor" text)');
      const result = await transfer({ from, to, source: datakit.tables.odd as Table, target: bronze });
      expect(result.rows).toMatchObject({ read: 3, loaded: 3, rejected: 0 });
      expect(await warehouseRows(to, 'odd')).toEqual(ROWS);
    } finally {
      await from.close();
      await to.close();
    }
  });
});
