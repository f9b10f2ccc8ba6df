import {
  bigint,
  boolean,
  char,
  customType,
  date,
  doublePrecision,
  integer,
  json,
  jsonb,
  numeric,
  pgEnum,
  pgSchema,
  real,
  smallint,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { beforeAll, expect, it } from 'vitest';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { compareTables } from './compare-tables.js';
import { forEachPair } from './fidelity-pairs.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const feeling = pgEnum('fs_feeling', ['sad', 'it\'s "ok"\t!', 'ünïcode 😀']);

/** Column, Drizzle builder, SQL type, edge values (PostgreSQL input text; `null` is SQL NULL). */
const COLUMNS = [
  ['i2', smallint(), 'smallint', ['-32768', '32767', '0']],
  ['i4', integer(), 'integer', ['-2147483648', '2147483647', '0']],
  ['i8', bigint({ mode: 'bigint' }), 'bigint', ['-9223372036854775808', '9223372036854775807', '0']],
  ['i8n', bigint({ mode: 'number' }), 'bigint', ['-9007199254740991', '9007199254740991', '0']],
  [
    'num',
    numeric(),
    'numeric',
    [
      'NaN',
      'Infinity',
      '-Infinity',
      '-0',
      '123456789012345678901234567890.123456789012345678901234567890',
      '0.000000000000000000000000000000000000000001',
    ],
  ],
  [
    'num_fixed',
    numeric({ precision: 12, scale: 4 }),
    'numeric(12,4)',
    ['99999999.9999', '-0.0001', '1.5000'],
  ],
  [
    'f4',
    real(),
    'real',
    ['NaN', 'Infinity', '-Infinity', '-0', '3.4028235e+38', '1e-45', '1.1754944e-38', '0.1'],
  ],
  [
    'f8',
    doublePrecision(),
    'double precision',
    ['NaN', 'Infinity', '-Infinity', '-0', '1.7976931348623157e+308', '5e-324', '0.1'],
  ],
  ['flag', boolean(), 'boolean', ['true', 'false']],
  [
    'txt',
    text(),
    'text',
    [
      '',
      ' ',
      '\\',
      '\\N',
      'NULL',
      '\t\n\r\\t',
      '\u0001\u001f\u007f',
      'é😀\u2028\u2029\ufeff',
      'x'.repeat(10_000),
    ],
  ],
  ['vc', varchar({ length: 5 }), 'varchar(5)', ['😀😀😀😀😀', '', 'a\tb']],
  ['ch', char({ length: 3 }), 'char(3)', ['a', '   ', '😀é']],
  [
    'id_uuid',
    uuid(),
    'uuid',
    ['00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'],
  ],
  ['bytes', bytea(), 'bytea', ['\\x', '\\x00', '\\x00ff7f805c0a0d09', `\\x${'ab'.repeat(5000)}`]],
  ['mood', feeling(), 'fs_feeling', ['sad', 'it\'s "ok"\t!', 'ünïcode 😀']],
  ['doc', json(), 'json', ['{"a" : 1e400, "a": "\\u0000"}', 'null', '"\\ud83d\\ude00"']],
  ['docb', jsonb(), 'jsonb', ['{"a": 12345678901234567890.000}', 'null', '[]']],
  ['texts', text().array(), 'text[]', ['{"",NULL,"NULL","a,b","{}","\\\\","\\""}', '{}', '{{a,b},{c,d}}']],
  ['floats', doublePrecision().array(), 'double precision[]', ['{NaN,Infinity,-Infinity,-0,NULL}', '{}']],
  ['nums', numeric().array(), 'numeric[]', ['{NaN,1.10,-0.000}', '[2:3]={1,2}']],
  ['blobs', bytea().array(), 'bytea[]', ['{"\\\\x00",NULL,"\\\\x"}']],
  ['ids', uuid().array(), 'uuid[]', ['{00000000-0000-0000-0000-000000000000}']],
  ['flags', boolean().array(), 'boolean[]', ['{t,f,NULL}']],
  ['days', date({ mode: 'date' }).array(), 'date[]', ['{infinity,-infinity,"0044-03-15 BC",5874897-12-31}']],
  [
    'stamps',
    timestamp({ withTimezone: true }).array(),
    'timestamptz[]',
    ['{infinity,"2024-01-01 00:00:00.000001+00","4714-11-24 00:00:00+00 BC"}'],
  ],
  ['docs', json().array(), 'json[]', ['{"{\\"a\\" : 1.0}","null",NULL,"12345678901234567890"}']],
  ['docsb', jsonb().array(), 'jsonb[]', ['{"{\\"a\\": 1.0}","null",NULL}']],
  ['moods', feeling().array(), 'fs_feeling[]', ['{sad,"it\'s \\"ok\\"\t!"}']],
] as const;

const names = COLUMNS.map(([name]) => name);
const ROWS = Math.max(...COLUMNS.map(([, , , values]) => values.length));
const fs = pgSchema('fs');
const tableColumns = () =>
  Object.fromEntries([['id', integer().primaryKey()], ...COLUMNS.map(([name, builder]) => [name, builder])]);
const src = fs.table('src', tableColumns());
const dst = fs.table('dst', tableColumns());

async function createTables(conn: Connection): Promise<void> {
  await conn.query('drop schema if exists fs cascade');
  await conn.query('drop type if exists fs_feeling');
  await conn.query(`create type fs_feeling as enum ('sad', 'it''s "ok"\t!', 'ünïcode 😀')`);
  await conn.query('create schema fs');
  const list = COLUMNS.map(([name, , type]) => `${name} ${type}`).join(', ');
  for (const t of ['src', 'dst']) await conn.query(`create table fs.${t} (id integer primary key, ${list})`);
}

async function fill(conn: Connection): Promise<void> {
  for (let i = 0; i < ROWS; i++) {
    const values = COLUMNS.map(([, , type], j) => `$${j + 2}::text::${type}`);
    await conn.query(`insert into fs.src values ($1, ${values.join(', ')})`, [
      i + 1,
      ...COLUMNS.map(([, , , v]) => v[i] ?? null),
    ]);
  }
  await conn.query(`insert into fs.src (id) values (${ROWS + 1})`);
}

await forEachPair('every scalar type and array with edge values', (pair) => {
  beforeAll(async () => {
    await createTables(pair().source);
    await createTables(pair().target);
    await fill(pair().source);
  });

  it('loads every value exactly (compared as text, EXCEPT both ways)', async () => {
    const result = await transfer({ from: pair().source, to: pair().target, source: src, target: dst });
    expect(result.rejects.map((r) => r.message)).toEqual([]);
    expect(result.rows).toMatchObject({ read: ROWS + 1, loaded: ROWS + 1, rejected: 0 });
    const diff = await compareTables(pair().source, 'fs.src', pair().target, 'fs.dst', ['id', ...names]);
    expect(diff).toEqual({ onlyLeft: [], onlyRight: [] });
  });

  it('rejects a bigint past 2^53 bound for a mode: number column, naming value and rule', async () => {
    await pair().source.query(`update fs.src set i8n = 9223372036854775807 where id = 1`);
    try {
      const result = await transfer({
        from: pair().source,
        to: pair().target,
        source: src,
        target: dst,
        disposition: 'replace',
        maxRejects: 10,
      });
      expect(result.rejects.map((r) => [r.stage, r.column, r.rule])).toEqual([
        ['source', 'i8n', 'integer-range:safe'],
      ]);
      expect(result.rejects[0]?.message).toMatch(/^Row id=1 of "src": column "i8n" is 9223372036854776000/);
      expect(result.rejects[0]?.message).toContain('the source holds "9223372036854775807"');
      expect(result.rejects[0]?.message).toContain('(rule integer-range:safe)');
    } finally {
      await pair().source.query(`update fs.src set i8n = -9007199254740991 where id = 1`);
    }
  });
});
