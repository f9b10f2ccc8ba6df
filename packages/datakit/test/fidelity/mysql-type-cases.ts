import * as my from 'drizzle-orm/mysql-core';
import * as pg from 'drizzle-orm/pg-core';
import { pgTable } from 'drizzle-orm/pg-core';
import type { ComparedColumn } from './mysql-compare.js';

/* The custom column types `datakit introspect` writes for MySQL types Drizzle has no builder for
 * (bytes, bit strings, sets), and their PostgreSQL counterparts. */
const myBinary = my.customType<{ data: Uint8Array; config: { length: number } }>({
  dataType: (config) => `binary(${config?.length ?? 1})`,
});
const myVarbinary = my.customType<{ data: Uint8Array; config: { length: number } }>({
  dataType: (config) => `varbinary(${config?.length ?? 1})`,
});
const myBlob = my.customType<{ data: Uint8Array }>({ dataType: () => 'blob' });
const myBit = my.customType<{ data: string; config: { length: number } }>({
  dataType: (config) => `bit(${config?.length ?? 1})`,
});
const mySet = my.customType<{ data: string; config: { values: readonly string[] } }>({
  dataType: (config) => `set(${(config?.values ?? []).map((v) => `'${v.replaceAll("'", "''")}'`).join(',')})`,
});
const pgBytea = pg.customType<{ data: Uint8Array }>({ dataType: () => 'bytea' });
const pgBit = pg.customType<{ data: string; config: { length: number } }>({
  dataType: (config) => `bit(${config?.length ?? 1})`,
});

/** One MariaDB type under test: DDL on both sides, values (SQL literals, cycled over the rows), canonical text. */
export interface MysqlTypeCase extends ComparedColumn {
  mysqlType: string;
  pgType: string;
  values: readonly string[];
}

const at = (format: string) => `date_format({}, '${format}')`;
const utc = (format: string) => `date_format(convert_tz({}, @@session.time_zone, '+00:00'), '${format}')`;
const FULL = '%Y-%m-%d %H:%i:%s.%f';

/** Every MariaDB type the MySQL reader supports, with its edge values. */
export const TYPE_CASES: readonly MysqlTypeCase[] = [
  {
    name: 'dt',
    mysqlType: 'datetime(6)',
    pgType: 'timestamp(6)',
    values: [
      `'2021-01-01 00:00:00'`,
      `'2021-03-14 02:30:00'`,
      `'2021-11-07 01:30:00.5'`,
      `'9999-12-31 23:59:59.999999'`,
      `'1000-01-01 00:00:00'`,
      `'2024-02-29 12:34:56.000001'`,
      `'1969-12-31 23:59:59.999999'`,
      'NULL',
    ],
    mysql: at(FULL),
    pg: '{}',
    type: 'timestamp(6)',
  },
  {
    name: 'dt0',
    mysqlType: 'datetime',
    pgType: 'timestamp(0)',
    values: [`'2021-01-01 00:00:00'`, `'2021-03-14 02:30:00'`, `'1000-01-01 00:00:00'`, 'NULL'],
    mysql: at('%Y-%m-%d %H:%i:%s'),
    pg: '{}',
    type: 'timestamp(0)',
  },
  {
    name: 'ts',
    mysqlType: 'timestamp(6) null',
    pgType: 'timestamptz(6)',
    values: [
      `'1970-01-01 00:00:01'`,
      `'2038-01-19 03:14:07.999999'`,
      `'2021-03-14 07:30:00.123456'`,
      `'2021-01-01 00:00:00'`,
      'NULL',
    ],
    mysql: utc(FULL),
    pg: `{} at time zone 'UTC'`,
    type: 'timestamp(6)',
  },
  {
    name: 'd',
    mysqlType: 'date',
    pgType: 'date',
    values: [`'2021-01-01'`, `'1000-01-01'`, `'9999-12-31'`, `'0001-01-01'`, `'2024-02-29'`, 'NULL'],
    mysql: at('%Y-%m-%d'),
    pg: '{}',
    type: 'date',
  },
  {
    name: 't',
    mysqlType: 'time(6)',
    pgType: 'time(6)',
    values: [`'00:00:00'`, `'23:59:59.999999'`, `'12:00:00.5'`, `'01:02:03.000001'`, 'NULL'],
    mysql: `time_format({}, '%H:%i:%s.%f')`,
    pg: '{}',
    type: 'time(6)',
  },
  {
    name: 'bin',
    mysqlType: 'binary(4)',
    pgType: 'bytea',
    values: [`X'fffe0102'`, `X'00000000'`, `X'ff'`, `X'c3a90000'`, 'NULL'],
    mysql: 'hex({})',
    pg: `upper(encode({}, 'hex'))`,
  },
  {
    name: 'vbin',
    mysqlType: 'varbinary(16)',
    pgType: 'bytea',
    values: [`X'ff7f80'`, `X''`, `X'00'`, `X'c3a9'`, 'NULL'],
    mysql: 'hex({})',
    pg: `upper(encode({}, 'hex'))`,
  },
  {
    name: 'blb',
    mysqlType: 'blob',
    pgType: 'bytea',
    values: [`X'ff7f80'`, `X'00ff'`, `X''`, `X'5c7830300a09'`, 'NULL'],
    mysql: 'hex({})',
    pg: `upper(encode({}, 'hex'))`,
  },
  {
    name: 'b8',
    mysqlType: 'bit(8)',
    pgType: 'bit(8)',
    values: [`b'11111111'`, `b'0'`, `b'10000000'`, `b'1'`, 'NULL'],
    mysql: `lpad(bin({}), 8, '0')`,
    pg: '{}::text',
  },
  {
    name: 'b1',
    mysqlType: 'bit(1)',
    pgType: 'bit(1)',
    values: [`b'1'`, `b'0'`],
    mysql: 'bin({})',
    pg: '{}::text',
  },
  {
    name: 'j',
    mysqlType: 'json',
    pgType: 'json',
    values: [
      `'"42"'`,
      `'"just a string"'`,
      String.raw`'"{\\"a\\": 1}"'`,
      `'{"a": [1, 2.5, "x"], "b": {"c": null}}'`,
      `'[]'`,
      `'true'`,
      `'"ünïcode 😀"'`,
      String.raw`'"line\\nbreak \\u00e9"'`,
      'NULL',
    ],
    mysql: '{}',
    pg: '{}::jsonb',
    type: 'jsonb',
  },
  {
    name: 'flag',
    mysqlType: 'tinyint(1)',
    pgType: 'boolean',
    values: ['0', '1', 'NULL'],
    mysql: 'cast({} as char)',
    pg: `case when {} then '1' when not {} then '0' end`,
  },
  {
    name: 'yr',
    mysqlType: 'year',
    pgType: 'smallint',
    values: [`'0000'`, '1901', '2155', '2024', 'NULL'],
    mysql: 'cast({} + 0 as char)',
    pg: '{}::text',
  },
  {
    name: 'st',
    mysqlType: `set('a','b','c')`,
    pgType: 'text',
    values: [`''`, `'a'`, `'a,c'`, `'a,b,c'`, 'NULL'],
    mysql: '{}',
    pg: '{}',
  },
  {
    name: 'en',
    mysqlType: `enum('x','y','z w')`,
    pgType: 'text',
    values: [`'x'`, `'z w'`, 'NULL'],
    mysql: '{}',
    pg: '{}',
  },
  {
    name: 'u8',
    mysqlType: 'bigint unsigned',
    pgType: 'numeric(20,0)',
    values: ['18446744073709551615', '0', '9007199254740993', 'NULL'],
    mysql: 'cast({} as char)',
    pg: '{}::text',
  },
  {
    name: 'u4',
    mysqlType: 'int unsigned',
    pgType: 'bigint',
    values: ['4294967295', '0', '2147483648'],
    mysql: 'cast({} as char)',
    pg: '{}::text',
  },
  {
    name: 'dec',
    mysqlType: 'decimal(65,30)',
    pgType: 'numeric(65,30)',
    values: [
      '99999999999999999999999999999999999.999999999999999999999999999999',
      '-0.000000000000000000000000000001',
      '0',
      'NULL',
    ],
    mysql: 'cast({} as char)',
    pg: '{}::text',
  },
  {
    name: 'dbl',
    mysqlType: 'double',
    pgType: 'double precision',
    values: ['1.7976931348623157e308', '-0', '5e-324', '0.1', '9.623817980940121', 'NULL'],
    mysql: 'cast({} as char)',
    pg: '{}',
    type: 'float8',
  },
  {
    name: 'flt',
    mysqlType: 'float',
    pgType: 'real',
    values: ['16777217', '0.1', '3.4e38', '1.17549435e-38', '-0', '1.1', 'NULL'],
    mysql: 'cast(cast({} as double) as char)',
    pg: '{}',
    type: 'float8',
  },
  {
    name: 'txt',
    mysqlType: 'text',
    pgType: 'text',
    values: [
      String.raw`'tab\there'`,
      String.raw`'nl\nx\r'`,
      String.raw`'back\\slash \\N'`,
      `'😀 ünïcode'`,
      `''`,
      'NULL',
      `concat('ctl', char(1), char(127))`,
    ],
    mysql: '{}',
    pg: '{}',
  },
];

/** The rows of the type table: enough that every value list is used at least once. */
export const TYPE_ROWS = Math.max(...TYPE_CASES.map((c) => c.values.length));

/** The MariaDB source contract of `fid`, written as `datakit introspect` writes it. */
export const fidSource = my.mysqlTable('fid', {
  id: my.int().primaryKey(),
  dt: my.datetime({ fsp: 6 }),
  dt0: my.datetime(),
  ts: my.timestamp({ fsp: 6 }),
  d: my.date(),
  t: my.time({ fsp: 6 }),
  bin: myBinary({ length: 4 }),
  vbin: myVarbinary({ length: 16 }),
  blb: myBlob(),
  b8: myBit({ length: 8 }),
  b1: myBit({ length: 1 }),
  j: my.json(),
  flag: my.boolean(),
  yr: my.year(),
  st: mySet({ values: ['a', 'b', 'c'] }),
  en: my.mysqlEnum(['x', 'y', 'z w']),
  u8: my.bigint({ mode: 'bigint', unsigned: true }),
  u4: my.int({ unsigned: true }),
  dec: my.decimal({ precision: 65, scale: 30 }),
  dbl: my.double(),
  flt: my.float(),
  txt: my.text(),
});

/** The warehouse columns the type table loads into. */
export const fidTargetColumns = () => ({
  id: pg.integer().primaryKey(),
  dt: pg.timestamp({ precision: 6 }),
  dt0: pg.timestamp({ precision: 0 }),
  ts: pg.timestamp({ withTimezone: true, precision: 6 }),
  d: pg.date({ mode: 'date' }),
  t: pg.time({ precision: 6 }),
  bin: pgBytea(),
  vbin: pgBytea(),
  blb: pgBytea(),
  b8: pgBit({ length: 8 }),
  b1: pgBit({ length: 1 }),
  j: pg.json(),
  flag: pg.boolean(),
  yr: pg.smallint(),
  st: pg.text(),
  en: pg.text(),
  u8: pg.numeric({ precision: 20, scale: 0, mode: 'bigint' }),
  u4: pg.bigint({ mode: 'number' }),
  dec: pg.numeric({ precision: 65, scale: 30 }),
  dbl: pg.doublePrecision(),
  flt: pg.real(),
  txt: pg.text(),
});

/** The warehouse table the type table loads into. */
export const fidTarget = pgTable('fid', fidTargetColumns());

/** `create table` on MariaDB and on PostgreSQL, and the MariaDB inserts of {@link TYPE_ROWS} rows. */
export function typeTableSql(
  table = 'fid',
  cases: readonly MysqlTypeCase[] = TYPE_CASES,
): { mysql: string[]; pg: string } {
  const rows = Math.max(...cases.map((c) => c.values.length));
  const inserts = Array.from({ length: rows }, (_, i) => {
    const values = cases.map((c) => c.values[i % c.values.length]);
    return `insert into ${table} (id, ${cases.map((c) => `\`${c.name}\``).join(', ')}) values (${i + 1}, ${values.join(', ')})`;
  });
  return {
    mysql: [
      `drop table if exists ${table}`,
      `create table ${table} (id int primary key, ${cases.map((c) => `\`${c.name}\` ${c.mysqlType}`).join(', ')})`,
      ...inserts,
    ],
    pg: `create table ${table} (id integer primary key, ${cases.map((c) => `"${c.name}" ${c.pgType}`).join(', ')})`,
  };
}
