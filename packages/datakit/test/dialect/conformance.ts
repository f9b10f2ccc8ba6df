import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectFor } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import type { DdlCompiler } from '../../src/dialect/ddl-compiler.js';
import type { ConnectionUrl } from '../../src/dialect/parse-connection-url.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import type { ColumnSchema } from '../../src/schema/table-schema.js';
import type { BadInputOptions } from './bad-input.js';
import { describeBadInput } from './bad-input.js';
import { describeCopy } from './copy-conformance.js';
import { describeReader } from './reader-conformance.js';
import { roundTripTables, withoutRaw } from './round-trip-tables.js';
import { describeStatements } from './statement-conformance.js';
import { suiteHelpers } from './suite-helpers.js';

/** What a dialect's test file hands to the shared suite. */
export interface DialectConformanceOptions {
  /** The dialect under test (its URL kind), shown in every describe block: `pglite`, `postgres`, `mysql`. */
  name: ConnectionUrl['kind'];
  /** Opens the connection under test; called once per file. */
  open: () => Promise<Connection>;
  /** Where the suite creates its tables: a PostgreSQL schema (created) or the MySQL database. */
  schema: () => string;
  /** URLs that must fail cleanly; omitted where a dialect has no server to miss. */
  badInput?: () => BadInputOptions;
}

/**
 * The one body every dialect runs: queries with parameters, streaming, transactions, hostile
 * identifiers, DDL round-trip through introspection, COPY where supported, and error shapes.
 */
export function runDialectConformance(options: DialectConformanceOptions): void {
  describe(`dialect conformance: ${options.name}`, () => {
    let conn: Connection;
    let ddl: DdlCompiler;
    let schema: string;
    const { ph, t, q, create, simple, int, text, insertMany } = suiteHelpers(
      () => conn,
      () => schema,
    );
    const tableNames = async () =>
      (await conn.dialect.createIntrospector(conn).introspect({ schema })).map((table) => table.name);

    beforeAll(async () => {
      conn = await options.open();
      ddl = conn.dialect.createDdlCompiler();
      schema = options.schema();
      if (conn.dialect.adapter.supportsSchemas) await conn.query(ddl.createSchema(schema));
    });
    afterAll(async () => {
      await conn?.close();
    });

    it('is the dialect it was asked for, and shows its target without a password', () => {
      expect(conn.dialect.name).toBe(options.name);
      expect(conn.target).toMatch(new RegExp(`^${options.name}://`));
      expect(conn.target).not.toContain(':***@');
    });

    it('runs queries with parameters, values never spliced into SQL', async () => {
      await create(simple('dk_params', [int('id'), text('name')], 'id'));
      const hostile = "x'); DROP TABLE dk_params; --";
      const inserted = await conn.query(
        `INSERT INTO ${t('dk_params')} (${q('id')}, ${q('name')}) VALUES (${ph(1)}, ${ph(2)}), (${ph(3)}, ${ph(4)})`,
        [1, hostile, 2, null],
      );
      expect(inserted.rowCount).toBe(2);
      const { rows } = await conn.query<{ name: string | null }>(
        `SELECT ${q('name')} FROM ${t('dk_params')} WHERE ${q('id')} = ${ph(1)}`,
        [1],
      );
      expect(rows).toEqual([{ name: hostile }]);
      const updated = await conn.query(`UPDATE ${t('dk_params')} SET ${q('name')} = ${ph(1)}`, ['same']);
      expect(updated.rowCount).toBe(2);
    });

    it('streams 25k rows in bounded batches, in order, and stays usable after an early stop', async () => {
      await create(simple('dk_stream', [int('id'), text('payload')], 'id'));
      await insertMany(
        'dk_stream',
        ['id', 'payload'],
        Array.from({ length: 25_000 }, (_, i) => [i + 1, `row ${i + 1}`]),
      );
      const sizes: number[] = [];
      let expected = 1;
      for await (const batch of conn.stream<{ id: number }>(
        `SELECT ${q('id')} FROM ${t('dk_stream')} ORDER BY ${q('id')}`,
        [],
        { batchSize: 1000 },
      )) {
        sizes.push(batch.length);
        for (const row of batch) expect(Number(row.id)).toBe(expected++);
      }
      expect(expected - 1).toBe(25_000);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
      expect(sizes.length).toBe(25);

      let seen = 0;
      for await (const batch of conn.stream(
        `SELECT * FROM ${t('dk_stream')} WHERE ${q('id')} > ${ph(1)}`,
        [10],
        { batchSize: 300 },
      )) {
        seen += batch.length;
        if (seen >= 600) break;
      }
      expect(seen).toBe(600);
      const { rows } = await conn.query<{ n: number | string }>(
        `SELECT count(*) AS n FROM ${t('dk_stream')}`,
      );
      expect(Number(rows[0]?.n)).toBe(25_000);
    });

    it('streams inside a transaction and sees its uncommitted rows', async () => {
      await create(simple('dk_tx_stream', [int('id')], 'id'));
      const total = await conn.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO ${t('dk_tx_stream')} (${q('id')}) VALUES (${ph(1)}), (${ph(2)}), (${ph(3)})`,
          [1, 2, 3],
        );
        let count = 0;
        for await (const batch of tx.stream(`SELECT * FROM ${t('dk_tx_stream')}`, [], { batchSize: 2 }))
          count += batch.length;
        for await (const _ of tx.stream(`SELECT * FROM ${t('dk_tx_stream')}`, [], { batchSize: 1 })) break;
        const { rows } = await tx.query(`SELECT * FROM ${t('dk_tx_stream')}`);
        return count + rows.length;
      });
      expect(total).toBe(6);
    });

    it('commits a transaction, rolls one back on throw, and nests with savepoints', async () => {
      await create(simple('dk_tx', [int('id')], 'id'));
      const ids = async () =>
        (
          await conn.query<{ id: number }>(`SELECT ${q('id')} FROM ${t('dk_tx')} ORDER BY ${q('id')}`)
        ).rows.map((r) => Number(r.id));
      await expect(
        conn.transaction(async (tx) => {
          await tx.query(`INSERT INTO ${t('dk_tx')} VALUES (${ph(1)})`, [1]);
          return 'done';
        }),
      ).resolves.toBe('done');
      const boom = new Error('boom');
      await expect(
        conn.transaction(async (tx) => {
          await tx.query(`INSERT INTO ${t('dk_tx')} VALUES (${ph(1)})`, [2]);
          throw boom;
        }),
      ).rejects.toBe(boom);
      await conn.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${t('dk_tx')} VALUES (${ph(1)})`, [3]);
        await expect(
          tx.transaction(async (inner) => {
            await inner.query(`INSERT INTO ${t('dk_tx')} VALUES (${ph(1)})`, [4]);
            throw boom;
          }),
        ).rejects.toBe(boom);
        await tx.transaction((inner) => inner.query(`INSERT INTO ${t('dk_tx')} VALUES (${ph(1)})`, [5]));
      });
      expect(await ids()).toEqual([1, 3, 5]);
    });

    it('rolls back DDL with the transaction where the adapter says it can', async () => {
      const table = simple('dk_ddl_rollback', [int('id')]);
      await conn.query(ddl.dropTable(table));
      await expect(
        conn.transaction(async (tx) => {
          for (const sql of ddl.createTable(table)) await tx.query(sql);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect((await tableNames()).includes('dk_ddl_rollback')).toBe(
        !conn.dialect.adapter.supportsTransactionalDdl,
      );
    });

    it('creates, writes and reads tables and columns whose names hold quotes, spaces and SQL', async () => {
      await create(simple('y', [int('id')]));
      const names = ['a"b', 'x; drop table y', 'with space', 'a`b', "it's"];
      const table = simple(
        'x; drop table y"`',
        names.map((name, i) => ({ name, type: { kind: 'text' }, nullable: i > 0 })),
      );
      table.indexes.push({ name: 'idx "odd"', columns: ['with space'], unique: false });
      await create(table);
      await conn.query(
        `INSERT INTO ${t(table.name)} (${names.map(q).join(', ')}) VALUES (${names.map((_, i) => ph(i + 1)).join(', ')})`,
        names,
      );
      const { rows } = await conn.query(`SELECT * FROM ${t(table.name)}`);
      expect(rows).toEqual([Object.fromEntries(names.map((n) => [n, n]))]);
      const [read] = await conn.dialect.createIntrospector(conn).introspect({ schema, tables: [table.name] });
      expect(read?.columns.map((c) => c.name)).toEqual(names);
      expect(read?.indexes.map((i) => i.name)).toEqual(['idx "odd"']);
      expect(await tableNames()).toContain('y');
    });

    it('round-trips every supported column kind and constraint through DDL and introspection', async () => {
      const tables = roundTripTables(conn.dialect.adapter.family, schema);
      for (const table of [...tables].reverse()) await conn.query(ddl.dropTable(table));
      for (const table of tables) for (const sql of ddl.createTable(table)) await conn.query(sql);
      const introspector = conn.dialect.createIntrospector(conn);
      const read = await introspector.introspect({ schema, tables: tables.map((x) => x.name) });
      const expected = withoutRaw(tables).sort((a, b) => (a.name < b.name ? -1 : 1));
      expect(read.map((x) => x.name)).toEqual(expected.map((x) => x.name));
      for (const [i, table] of withoutRaw(read).entries()) expect(table).toEqual(expected[i]);
      expect(await introspector.introspect({ schema, tables: tables.map((x) => x.name) })).toEqual(read);
    });

    it('re-runs createTable: idempotent on PostgreSQL, a clean query error on MySQL (no CREATE INDEX IF NOT EXISTS)', async () => {
      const tables = roundTripTables(conn.dialect.adapter.family, schema);
      const rerun = async () => {
        for (const table of tables) for (const sql of ddl.createTable(table)) await conn.query(sql);
      };
      for (const table of [...tables].reverse()) await conn.query(ddl.dropTable(table));
      await rerun();
      if (conn.dialect.adapter.family === 'postgresql') await rerun();
      else
        await expect(rerun()).rejects.toMatchObject({
          code: 'QUERY',
          message: expect.stringMatching(/Duplicate key name/),
        });
    });

    it('reads lossy mappings back as the adapter documents them', async () => {
      const columns: ColumnSchema[] = [
        { name: 'c_uuid', type: { kind: 'uuid' }, nullable: true },
        { name: 'c_jsonb', type: { kind: 'jsonb' }, nullable: true },
        { name: 'c_numeric', type: { kind: 'numeric' }, nullable: true },
        { name: 'c_varchar', type: { kind: 'varchar' }, nullable: true },
      ];
      await create(simple('dk_lossy', columns));
      const [read] = withoutRaw(
        await conn.dialect.createIntrospector(conn).introspect({ schema, tables: ['dk_lossy'] }),
      );
      const expected =
        conn.dialect.adapter.family === 'mysql'
          ? [
              { kind: 'char', length: 36 },
              { kind: 'json' },
              { kind: 'numeric', precision: 65, scale: 30 },
              { kind: 'text' },
            ]
          : columns.map((c) => c.type);
      expect(read?.columns.map((c) => c.type)).toEqual(expected);
    });

    it('refuses a type the dialect cannot store, naming table, column and fix', () => {
      const type =
        conn.dialect.adapter.family === 'mysql'
          ? ({ kind: 'interval' } as const)
          : ({ kind: 'unknown' } as const);
      const table = simple('dk_bad_type', [{ name: 'span', type, nullable: true }]);
      const error = catchError(() => ddl.createTable(table));
      expect(error.code).toBe('UNSUPPORTED');
      expect(error.message).toContain('"span"');
      expect(error.message).toContain('dk_bad_type');
      expect(error.context).toMatchObject({ table: 'dk_bad_type', column: 'span' });
      expect(error.hint).toBeTruthy();
    });

    it('turns a failed statement into a QUERY error with the driver fields, the SQL and the cause', async () => {
      await create(simple('dk_errors', [int('id')], 'id'));
      await conn.query(`INSERT INTO ${t('dk_errors')} VALUES (${ph(1)})`, [1]);
      const sql = `INSERT INTO ${t('dk_errors')} VALUES (${ph(1)})`;
      const error = await conn.query(sql, [1]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatakitError);
      const err = error as DatakitError;
      expect(err.code).toBe('QUERY');
      expect(err.context.sql).toBe(sql);
      expect(err.context.driverCode).toMatch(
        conn.dialect.adapter.family === 'mysql' ? /^ER_DUP_ENTRY$/ : /^23505$/,
      );
      expect(err.cause).toBeInstanceOf(Error);
      if (conn.dialect.adapter.family === 'postgresql') {
        expect(err.context).toMatchObject({
          table: 'dk_errors',
          constraint: expect.any(String),
          detail: expect.stringContaining('(id)=(1)'),
        });
      }
      await expect(conn.query('SELECT * FROM dk_no_such_table')).rejects.toMatchObject({ code: 'QUERY' });
      const streamSql = `SELECT * FROM ${t('dk_no_such_table')}`;
      const streamed = (async () => {
        for await (const _ of conn.stream(streamSql)) return 'rows';
        return 'none';
      })();
      await expect(streamed).rejects.toMatchObject({ code: 'QUERY', context: { sql: streamSql } });
      await expect(
        conn.transaction(async (tx) => {
          for await (const _ of tx.stream(streamSql)) return 'rows';
          return 'none';
        }),
      ).rejects.toMatchObject({ code: 'QUERY' });
      expect((await conn.query(`SELECT count(*) AS n FROM ${t('dk_errors')}`)).rows).toHaveLength(1);
    });

    describeCopy(
      () => conn,
      () => schema,
    );
    describeStatements(
      () => conn,
      () => schema,
    );
    describeReader(
      dialectFor(options.name),
      () => conn,
      () => schema,
    );
    if (options.badInput) describeBadInput(options.name, options.badInput);
  });
}

function catchError(fn: () => unknown): DatakitError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DatakitError) return error;
    throw error;
  }
  throw new Error('expected a DatakitError');
}
