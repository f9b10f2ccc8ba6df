import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Table } from 'drizzle-orm';
import * as pg from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { introspectToDirectory } from '../../src/codegen/introspect-to-directory.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { checkDrift } from '../../src/drift/check-drift.js';
import type { TableSchema } from '../../src/schema/table-schema.js';
import { transfer } from '../../src/transfer/transfer.js';
import { generatedDir } from '../codegen/type-check.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { diffInSql } from './mysql-compare.js';
import { fidTargetColumns, type MysqlTypeCase, TYPE_CASES, typeTableSql } from './mysql-type-cases.js';

// Types Datakit does not map: they pass through as their text.
const UNKNOWN: MysqlTypeCase[] = [
  {
    name: 'shape',
    mysqlType: 'point',
    pgType: 'text',
    values: [`ST_GeomFromText('POINT(1 2)')`, 'NULL'],
    mysql: 'ST_AsText({})',
    pg: '{}',
  },
  {
    name: 'ip',
    mysqlType: 'inet6',
    pgType: 'text',
    values: [`'::1'`, `'2001:db8::ff00:42:8329'`],
    mysql: 'cast({} as char)',
    pg: '{}',
  },
  {
    name: 'uid',
    mysqlType: 'uuid',
    pgType: 'text',
    values: [`'123e4567-e89b-12d3-a456-426614174000'`, 'NULL'],
    mysql: 'cast({} as char)',
    pg: '{}',
  },
];
const CASES = [...TYPE_CASES, ...UNKNOWN];

interface LoadedDatakit {
  keys: string[];
  schemaOf(key: string): TableSchema;
  tables: Record<string, Table>;
}

await describeServer('mysql', 'introspect → drift → transfer on every MariaDB type', () => {
  let mysqlDb: TestDatabase;
  let pgDb: TestDatabase;
  let source: Connection;
  let target: Connection;
  let dir: string;
  let datakit: LoadedDatakit;
  let warnings: { column?: string; message: string }[];
  beforeAll(async () => {
    mysqlDb = await createTestDatabase('mysql', 'fid_introspect');
    pgDb = await createTestDatabase('postgres', 'fid_introspect_dw');
    source = await connect(mysqlDb.url);
    target = await connect(pgDb.url);
    const sql = typeTableSql('every_type', CASES);
    for (const statement of sql.mysql) await source.query(statement);
    await target.query(sql.pg);
    dir = await generatedDir('fid-mysql');
    const result = await introspectToDirectory({
      connection: source,
      out: path.join(dir, 'types'),
      name: 'types',
    });
    warnings = result.warnings;
    const module = (await import(pathToFileURL(result.files[0] as string).href)) as Record<
      string,
      LoadedDatakit
    >;
    datakit = module.types as LoadedDatakit;
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    await mysqlDb?.drop();
    await pgDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes a contract type for every type, and a warning naming each one it passes through raw', async () => {
    const code = await readFile(path.join(dir, 'types', 'index.ts'), 'utf8');
    for (const line of [
      'dt: datetime({ fsp: 6 }),',
      'ts: timestamp({ fsp: 6 }),',
      'bin: binary({ length: 4 }),',
      'vbin: varbinary({ length: 16 }),',
      'blb: blob(),',
      'b8: bit({ length: 8 }),',
      'j: json(),',
      'flag: boolean(),',
      'yr: year(),',
      "st: set({ values: ['a', 'b', 'c'] }),",
      "en: mysqlEnum(['x', 'y', 'z w']),",
      "u8: bigint({ mode: 'bigint', unsigned: true }),",
      'u4: int({ unsigned: true }),',
      'dec: decimal({ precision: 65, scale: 30 }),',
      "shape: rawType({ sql: 'point' }),",
      "ip: rawType({ sql: 'inet6' }),",
    ])
      expect(code).toContain(line);
    expect(warnings.map((w) => w.column).sort()).toEqual(['ip', 'shape', 'uid']);
    expect(warnings[0]?.message).toMatch(/has type "\w+", which Datakit cannot map; written as rawType/);
  });

  it('passes its own drift check', async () => {
    const result = await checkDrift({
      connection: source,
      tables: [{ system: 'types', role: 'source', contract: datakit.schemaOf('everyType') }],
    });
    expect(result.tables[0]?.report.changes).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('transfers every row exactly into PostgreSQL', async () => {
    const warehouse = pg.pgTable('every_type', {
      ...fidTargetColumns(),
      shape: pg.text(),
      ip: pg.text(),
      uid: pg.text(),
    });
    const result = await transfer({
      from: source,
      to: target,
      source: datakit.tables.everyType as Table,
      target: warehouse,
    });
    expect(result.rejects).toEqual([]);
    expect(await diffInSql(source, 'every_type', target, 'every_type', CASES)).toEqual({
      missing: [],
      extra: [],
      columns: [],
    });
  });
});
