import type { Table } from 'drizzle-orm';
import {
  datetime,
  int,
  boolean as myBoolean,
  mysqlTable,
  text as myText,
  varchar as myVarchar,
} from 'drizzle-orm/mysql-core';
import { boolean, integer, pgSchema, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Dialect } from '../../src/dialect/connection.js';
import { familyOfTable } from '../../src/dialect/families.js';
import type { Bound, ReadPlan } from '../../src/dialect/source-reader.js';
import type { TableSchema } from '../../src/schema/table-schema.js';
import { LATEST_STORE_VERSION, migrateStore } from '../../src/store/migrate-store.js';
import { storeVersion } from '../../src/store/store-version.js';
import { keyRanges } from '../../src/transfer/key-ranges.js';
import { type ColumnCodec, columnCodecs } from '../../src/values/column-codec.js';

const NAME = 'dk_reader';
const ROWS = 50;

/** The reader's table as a contract of the connection's family, the way a user would write it. */
function contractOf(conn: Connection, schema: string): Table {
  if (conn.dialect.adapter.family === 'mysql') {
    return mysqlTable(NAME, {
      id: int().primaryKey(),
      code: myVarchar({ length: 20 }).notNull(),
      note: myText(),
      at: datetime({ mode: 'string' }),
      flag: myBoolean(),
    });
  }
  return pgSchema(schema).table(NAME, {
    id: integer().primaryKey(),
    code: varchar({ length: 20 }).notNull(),
    note: text(),
    at: timestamp({ mode: 'string' }),
    flag: boolean(),
  });
}

function row(i: number) {
  return {
    id: i,
    code: `c${String(i).padStart(3, '0')}`,
    note: i % 5 === 0 ? null : `note ${i}`,
    at: `2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00`,
    flag: i % 2 === 0,
  };
}

/**
 * What every dialect's capabilities and source reader must do: the flags and SQL helpers of the
 * adapter, the family it names, and reading a table in bounded, decoded batches with the catalog
 * facts a load uses (estimates, quantiles, live columns) where the reader has them.
 */
export function describeReader(dialect: Dialect, connection: () => Connection, schemaOf: () => string): void {
  const { reader, adapter } = dialect;
  describe('capabilities and source reader', () => {
    // A case for a capability a dialect lacks is not defined for it (rather than skipped): the
    // complementary case below checks that the lack is real.
    let conn: Connection;
    let contract: Table;
    let codecs: ColumnCodec[];
    let tableRef: { schema: string; name: string };
    const plan = (bounds: Bound[] = []): ReadPlan => ({
      table: tableRef,
      codecs,
      bounds,
      batchSize: 7,
      integerText: new Set(),
    });
    const readAll = async (tx: Connection, read: ReadPlan) => {
      const rows: Record<string, unknown>[] = [];
      for await (const batch of reader.read(tx, read)) rows.push(...batch.rows);
      return rows.sort((a, b) => Number(a.id) - Number(b.id));
    };
    const byId = (op: Bound['op'], value: number): Bound => ({
      column: codecs[0] as ColumnCodec,
      op,
      value: String(value),
    });

    beforeAll(async () => {
      conn = connection();
      tableRef = { schema: schemaOf(), name: NAME };
      contract = contractOf(conn, tableRef.schema);
      codecs = columnCodecs(contract, familyOfTable(contract).drizzle);
      const table: TableSchema = {
        schema: tableRef.schema,
        name: NAME,
        columns: [
          { name: 'id', type: { kind: 'integer' }, nullable: false },
          { name: 'code', type: { kind: 'varchar', length: 20 }, nullable: false },
          { name: 'note', type: { kind: 'text' }, nullable: true },
          { name: 'at', type: { kind: 'timestamp' }, nullable: true },
          { name: 'flag', type: { kind: 'boolean' }, nullable: true },
        ],
        primaryKey: { columns: ['id'] },
        uniques: [],
        foreignKeys: [],
        indexes: [],
        checks: [],
      };
      const ddl = conn.dialect.createDdlCompiler();
      await conn.query(ddl.dropTable(table));
      for (const sql of ddl.createTable(table)) await conn.query(sql);
      const a = conn.dialect.adapter;
      const values = Array.from({ length: ROWS }, (_, i) => row(i + 1));
      let n = 0;
      await conn.query(
        `INSERT INTO ${a.quoteTable(tableRef)} (${table.columns.map((c) => a.quoteIdentifier(c.name)).join(', ')}) VALUES ${values
          .map(() => `(${table.columns.map(() => a.placeholder(++n)).join(', ')})`)
          .join(', ')}`,
        values.flatMap((v) => [v.id, v.code, v.note, v.at, v.flag]),
      );
    });

    it('names the family it speaks, and the family owns its Drizzle tables', () => {
      expect(conn.dialect.family.name).toBe(conn.dialect.adapter.family);
      expect(familyOfTable(contract)).toBe(conn.dialect.family);
      const odd = 'a"b`c';
      expect(conn.dialect.family.adapter.quoteIdentifier(odd)).toBe(
        conn.dialect.adapter.quoteIdentifier(odd),
      );
      expect(conn.dialect.family.parseSqlType(codecs[1]?.sqlType ?? '')).toMatchObject({
        kind: 'varchar',
        length: 20,
      });
    });

    it('compares typed parameters and casts expressions to text', async () => {
      const a = conn.dialect.adapter;
      const { rows } = await conn.query<{ n: unknown; hi: unknown }>(
        `SELECT count(*) AS n, ${a.castToText(`max(${a.quoteIdentifier('id')})`)} AS hi FROM ${a.quoteTable(tableRef)}
          WHERE ${a.quoteIdentifier('id')} > ${a.typedPlaceholder(1, 'integer')} AND ${a.quoteIdentifier('at')} <= ${a.typedPlaceholder(2, codecs[3]?.sqlType ?? '')}`,
        ['10', '2024-01-20 10:00:00'],
      );
      const expected = Array.from({ length: ROWS }, (_, i) => row(i + 1)).filter(
        (r) => r.id > 10 && r.at <= '2024-01-20 10:00:00',
      );
      expect(Number(rows[0]?.n)).toBe(expected.length);
      expect(rows[0]?.hi).toBe(String(Math.max(...expected.map((r) => r.id))));
    });

    it('reads the rows within bounds, decoded as the contract promises', async () => {
      const rows = await conn.transaction(async (tx) => {
        await reader.begin(tx, { parallel: false });
        return readAll(tx, plan([byId('>', 10), byId('<=', 20)]));
      });
      expect(rows).toEqual(Array.from({ length: 10 }, (_, i) => row(i + 11)));
    });

    it('splits a key into ranges that hold every row exactly once', async () => {
      for (const key of [codecs[0], codecs[1]] as ColumnCodec[]) {
        const ranges = await keyRanges(conn, tableRef, key, [byId('>', 5)], 4);
        const integer = key.kind === 'integer';
        expect(ranges).toHaveLength(integer || reader.quantiles ? 4 : 1);
        const seen: number[] = [];
        for (const range of ranges) {
          for (const r of await readAll(conn, plan([byId('>', 5), ...range]))) seen.push(Number(r.id));
        }
        expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: ROWS - 5 }, (_, i) => i + 6));
      }
    });

    it('estimates the rows once the table is analyzed', async () => {
      const a = conn.dialect.adapter;
      await conn.query(`${a.family === 'mysql' ? 'ANALYZE TABLE' : 'ANALYZE'} ${a.quoteTable(tableRef)}`);
      const estimate = await reader.estimateRows(conn, tableRef);
      expect(estimate).toBeGreaterThanOrEqual(ROWS / 2);
      expect(estimate).toBeLessThanOrEqual(ROWS * 2);
    });

    if (reader.quantiles)
      it('gives the quantiles of a key within bounds', async () => {
        const cuts = await reader.quantiles?.(conn, tableRef, 'id', [byId('>', 10)], [0.25, 0.5, 0.75]);
        expect(cuts).toEqual(['20', '30', '40']);
      });

    if (reader.liveColumns)
      it('gives the live columns of a table', async () => {
        const live = (await reader.liveColumns?.(conn, tableRef)) ?? [];
        expect(live.map((c) => [c.name, c.type.kind, c.notNull])).toEqual([
          ['id', 'integer', true],
          ['code', 'varchar', true],
          ['note', 'text', false],
          ['at', 'timestamp', false],
          ['flag', 'boolean', false],
        ]);
      });

    if (reader.exportSnapshot && adapter.supportsConcurrentTransactions)
      it('reads partitions from one exported snapshot', async () => {
        const later = row(ROWS + 1);
        await conn.transaction(async (first) => {
          await reader.begin(first, { parallel: true });
          const snapshot = await reader.exportSnapshot?.(first);
          expect(snapshot).toEqual(expect.any(String));
          await conn.query(
            `INSERT INTO ${adapter.quoteTable(tableRef)} (${['id', 'code'].map(adapter.quoteIdentifier).join(', ')}) VALUES (${adapter.placeholder(1)}, ${adapter.placeholder(2)})`,
            [later.id, later.code],
          );
          const seen = await conn.transaction(async (second) => {
            await reader.begin(second, { parallel: true, ...(snapshot ? { snapshot } : {}) });
            return (await readAll(second, plan())).length;
          });
          expect(seen).toBe(ROWS);
        });
        await conn.query(
          `DELETE FROM ${adapter.quoteTable(tableRef)} WHERE ${adapter.quoteIdentifier('id')} > ${adapter.placeholder(1)}`,
          [ROWS],
        );
      });

    if (adapter.supportsConcurrentTransactions)
      it('runs a second transaction while one is open', async () => {
        // Waiting inside the first for the second would never end on a single session.
        const inner = await conn.transaction(async () =>
          conn.transaction(async (tx) => (await tx.query('SELECT 1 AS one')).rows.length),
        );
        expect(inner).toBe(1);
      });

    if (!adapter.supportsConcurrentTransactions)
      it('makes a second transaction wait for the first', async () => {
        const events: string[] = [];
        let second: Promise<unknown> | undefined;
        await conn.transaction(async (tx) => {
          second = conn.transaction(async () => {
            events.push('second began');
          });
          for (let i = 0; i < 20; i++) await tx.query('SELECT 1 AS one');
          events.push('first ended');
        });
        await second;
        expect(events).toEqual(['first ended', 'second began']);
      });

    if (adapter.supportsWarehouse)
      it('holds the run store of a warehouse', async () => {
        await migrateStore(conn);
        expect(await storeVersion(conn)).toBe(LATEST_STORE_VERSION);
      });

    if (!adapter.supportsWarehouse)
      it('cannot hold the run store of a warehouse', async () => {
        await expect(migrateStore(conn)).rejects.toMatchObject({ code: 'QUERY' });
      });
  });
}
