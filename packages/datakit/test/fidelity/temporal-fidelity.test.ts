import { date, integer, interval, pgSchema, text, time, timestamp } from 'drizzle-orm/pg-core';
import { beforeAll, expect, it } from 'vitest';
import { defineTransform } from '../../src/contract/define-transform.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { compareTables, textRows } from './compare-tables.js';
import { forEachPair } from './fidelity-pairs.js';

const columns = () => ({
  id: integer().primaryKey(),
  ts_d: timestamp({ precision: 6 }),
  tstz_d: timestamp({ withTimezone: true, precision: 6 }),
  ts_s: timestamp({ mode: 'string' }),
  tstz_s: timestamp({ withTimezone: true, mode: 'string' }),
  day_s: date(),
  day_d: date({ mode: 'date' }),
  tod: time(),
  todtz: time({ withTimezone: true }),
  span: interval(),
  grid: integer().array().array(),
  tags: text().array(),
  bounded: integer().array(),
});
const ft = pgSchema('ft');
const src = ft.table('src', columns());
const dst = ft.table('dst', columns());
const asTimestamp = ft.table('dst_ts', {
  id: integer().primaryKey(),
  at: timestamp({ withTimezone: true }),
});

const SQL_TYPES: Record<string, string> = {
  ts_d: 'timestamp(6)',
  tstz_d: 'timestamptz(6)',
  ts_s: 'timestamp',
  tstz_s: 'timestamptz',
  day_s: 'date',
  day_d: 'date',
  tod: 'time',
  todtz: 'timetz',
  span: 'interval',
  grid: 'integer[][]',
  tags: 'text[]',
  bounded: 'integer[]',
};

const TIMESTAMPS = [
  'infinity',
  '-infinity',
  '4713-01-01 00:00:00 BC',
  '0001-12-31 23:59:59.999999 BC',
  '0001-01-01 00:00:00',
  '1969-12-31 23:59:59.999999',
  '1970-01-01 00:00:00.000001',
  '2024-02-29 12:34:56.789012',
  '9999-12-31 23:59:59.999999',
  '10000-01-01 00:00:00',
  '275760-09-12 23:59:59.999',
  '275760-09-13 00:00:00.000001',
  '294276-12-31 23:59:59.999999',
];
const DATES = [
  'infinity',
  '-infinity',
  '4713-01-01 BC',
  '0001-01-01 BC',
  '0001-01-01',
  '1970-01-01',
  '2024-02-29',
  '9999-12-31',
  '10000-01-01',
  '275760-09-12',
  '275760-09-14',
  '5874897-12-31',
];
const VALUES: Record<string, string[]> = {
  ts_d: TIMESTAMPS,
  tstz_d: TIMESTAMPS.map((t) => (t.endsWith('infinity') ? t : t.replace(/( BC)?$/, '+00$1'))),
  ts_s: TIMESTAMPS,
  tstz_s: TIMESTAMPS.map((t) => (t.endsWith('infinity') ? t : t.replace(/( BC)?$/, '+05:30$1'))),
  day_s: DATES,
  day_d: DATES,
  tod: ['00:00:00', '24:00:00', '23:59:59.999999', '12:00:00.5'],
  todtz: ['00:00:00+15:59', '24:00:00-15:59', '12:00:00.123456+05:30:15', '23:59:59.999999+00'],
  span: [
    '-178000000 years',
    '178000000 years',
    '1 year 2 mons -3 days +04:05:06.789',
    '-2147483648 days',
    '00:00:00.000001',
    '0',
    '-1 mons +1 days -00:00:00.000001',
  ],
  grid: ['{{1,2},{3,4}}', '{{NULL,-2147483648},{2147483647,0}}', '{}', '{{{1}},{{2}}}'],
  tags: ['{{a,"b c"},{"d\\"e",NULL}}', '{"",NULL,"NULL"}', '{}'],
  bounded: ['[0:2]={1,2,3}', '[-5:-4]={7,8}', '{}'],
};
const NAMES = Object.keys(SQL_TYPES);
const ROWS = Math.max(...Object.values(VALUES).map((v) => v.length));

async function createTables(conn: Connection): Promise<void> {
  await conn.query('drop schema if exists ft cascade');
  await conn.query('create schema ft');
  const list = NAMES.map((c) => `${c} ${SQL_TYPES[c]}`).join(', ');
  for (const t of ['src', 'dst']) await conn.query(`create table ft.${t} (id int primary key, ${list})`);
  await conn.query('create table ft.dst_ts (id int primary key, at timestamptz)');
}

async function fill(conn: Connection): Promise<void> {
  for (let i = 0; i < ROWS; i++) {
    const params = NAMES.map((c) => VALUES[c]?.[i] ?? null);
    const values = NAMES.map((c, j) => `$${j + 2}::${SQL_TYPES[c]}`);
    await conn.query(`insert into ft.src values ($1, ${values.join(', ')})`, [i + 1, ...params]);
  }
  await conn.query(`insert into ft.src (id) values (${ROWS + 1})`);
}

await forEachPair('PostgreSQL temporal and array edge values', (pair) => {
  beforeAll(async () => {
    await createTables(pair().source);
    await createTables(pair().target);
    await fill(pair().source);
  });

  it('loads every value PostgreSQL holds, exactly', async () => {
    const result = await transfer({ from: pair().source, to: pair().target, source: src, target: dst });
    expect(result.rejects.map((r) => r.message)).toEqual([]);
    expect(result.rows).toMatchObject({ read: ROWS + 1, loaded: ROWS + 1, rejected: 0 });
    const diff = await compareTables(pair().source, 'ft.src', pair().target, 'ft.dst', ['id', ...NAMES]);
    expect(diff).toEqual({ onlyLeft: [], onlyRight: [] });
  });

  it('gives string-mode columns the text and date-mode columns Dates, ±infinity as the Date extremes', async () => {
    const seen: unknown[][] = [];
    const look = defineTransform(src, dst, (row) => {
      seen.push([row.id, row.ts_s, row.day_s, row.ts_d?.getTime(), row.day_d?.getTime()]);
      return row;
    });
    await transfer({ from: pair().source, to: pair().target, transform: look, disposition: 'replace' });
    seen.sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(seen[0]).toEqual([1, 'infinity', 'infinity', 8.64e15, 8.64e15]);
    expect(seen[1]).toEqual([2, '-infinity', '-infinity', -8.64e15, -8.64e15]);
    const bc4713 = Date.parse('-004712-01-01T00:00:00Z');
    expect(seen[2]).toEqual([3, '4713-01-01 00:00:00 BC', '4713-01-01 BC', bc4713, bc4713]);
    // Past what a Date holds: an Invalid Date that still writes its text when passed through.
    expect(seen[12]?.slice(0, 4)).toEqual([13, '294276-12-31 23:59:59.999999', null, Number.NaN]);
    expect(seen[11]?.[4]).toBeNaN();
    // The Date extremes stand for ±infinity only: a finite value there is past what a Date holds.
    expect(seen[11]?.[3]).toBeNaN();
    expect(seen[10]?.[3]).toBe(8.64e15 - 1);
  });

  it('writes Dates a transform builds, ±infinity included', async () => {
    const rebuild = defineTransform(src, dst, (row) => ({
      ...row,
      ts_d: row.ts_d && new Date(row.ts_d.getTime()),
      tstz_d: row.tstz_d && new Date(row.tstz_d.getTime()),
    }));
    const result = await transfer({
      from: pair().source,
      to: pair().target,
      transform: rebuild,
      disposition: 'replace',
      maxRejects: 10,
    });
    // A Date cannot hold 294276 AD: the new Invalid Dates the transform built are rejected.
    expect(result.rejects.map((r) => [r.column, r.rule])).toEqual([
      ['ts_d', 'valid-date'],
      ['ts_d', 'valid-date'],
    ]);
    expect(result.rejects[0]?.message).toContain('Invalid Date');
    const rows = await textRows(pair().target, 'ft.dst where id <= 4 order by id', ['ts_d', 'tstz_d']);
    expect(rows).toEqual([
      ['infinity', 'infinity'],
      ['-infinity', '-infinity'],
      ['4713-01-01 00:00:00 BC', '4713-01-01 00:00:00+00 BC'],
      ['0001-12-31 23:59:59.999 BC', '0001-12-31 23:59:59.999+00 BC'],
    ]);
  });

  it('converts a passed-through date to a timestamp, and rejects one no timestamp holds without blaming the transform', async () => {
    const toTimestamp = defineTransform(src, asTimestamp, (row) => ({ id: row.id, at: row.day_d }));
    const result = await transfer({
      from: pair().source,
      to: pair().target,
      transform: toTimestamp,
      maxRejects: 10,
    });
    expect(result.rejects.map((r) => [r.column, r.rule])).toEqual([['at', 'range:timestamp']]);
    const message = result.rejects[0]?.message ?? '';
    expect(message).toContain('5874897-12-31');
    expect(message).not.toMatch(/transform/i);
    const rows = await textRows(pair().target, 'ft.dst_ts where id in (1, 2, 3, 9) order by id', ['at']);
    expect(rows).toEqual([
      ['infinity'],
      ['-infinity'],
      ['4713-01-01 00:00:00+00 BC'],
      ['10000-01-01 00:00:00+00'],
    ]);
  });
});
