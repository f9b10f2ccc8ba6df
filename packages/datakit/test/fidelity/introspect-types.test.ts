import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Table } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { introspectToDirectory } from '../../src/codegen/introspect-to-directory.js';
import type { Connection } from '../../src/dialect/connection.js';
import { checkDrift } from '../../src/drift/check-drift.js';
import type { TableSchema } from '../../src/schema/table-schema.js';
import { transfer } from '../../src/transfer/transfer.js';
import { generatedDir, typeCheck } from '../codegen/type-check.js';
import { compareTables } from './compare-tables.js';
import { forEachPair } from './fidelity-pairs.js';

interface LoadedDatakit {
  keys: string[];
  tables: Record<string, Table>;
  schemaOf(key: string): TableSchema;
}

/** A column of every PostgreSQL type family, with values at their edges (row 3 is all NULL). */
const COLUMNS: [string, string, string[]][] = [
  ['ip', 'inet', ['192.168.0.1/24', '::ffff:1.2.3.4']],
  ['net', 'cidr', ['10.0.0.0/8', '2001:db8::/32']],
  ['mac', 'macaddr', ['08:00:2b:01:02:03', 'ff:ff:ff:ff:ff:ff']],
  ['mac8', 'macaddr8', ['08:00:2b:01:02:03:04:05', '00:00:00:00:00:00:00:00']],
  ['flags', 'bit(8)', ['10101010', '00000000']],
  ['vflags', 'bit varying(16)', ['1', '']],
  ['vfree', 'varbit', ['0110', '1'.repeat(100)]],
  ['cash', 'money', ['12.34', '-92233720368547758.08']],
  ['span', 'interval', ['1 year 2 mons -3 days +04:05:06.789', '-178000000 years']],
  ['span_ds', 'interval day to second(3)', ['1 day 02:03:04.567', '-00:00:00.001']],
  ['r4', 'int4range', ['[1,10)', 'empty']],
  ['r8', 'int8range', ['(,5]', '[-9223372036854775808,9223372036854775807)']],
  ['rn', 'numrange', ['[1.5,2.25]', '(NaN,)']],
  ['rts', 'tsrange', ['["2024-01-01 00:00:00.000001",infinity)', '[,"0044-03-15 12:00:00 BC"]']],
  ['rtz', 'tstzrange', ['["4713-01-01 00:00:00+00 BC",)', '[2024-01-01 00:00:00+05:30,2024-01-02)']],
  ['rd', 'daterange', ['[2024-01-01,2024-02-01)', '[-infinity,infinity)']],
  ['mr', 'int4multirange', ['{[1,3),[5,7)}', '{}']],
  ['doc', 'xml', ['<a b="c">x &amp; y</a>', 'text only']],
  ['tv', 'tsvector', ["a fat:2A cat 'it''s'", '']],
  ['tq', 'tsquery', ['fat & (rat | !cat)', "'a b' <-> c"]],
  ['ident', 'uuid', ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '00000000-0000-0000-0000-000000000000']],
  ['o', 'oid', ['4294967295', '0']],
  ['rt', 'regtype', ['integer', 'timestamp with time zone']],
  ['pt', 'point', ['(1.5,-2)', '(1e+300,-0)']],
  ['ln', 'line', ['{1,-1,0}', '{0,1,0.1}']],
  ['seg', 'lseg', ['[(0,0),(1,1)]', '[(-1.5,2),(3,4)]']],
  ['bx', 'box', ['(1,1),(0,0)', '(3,4),(-1,-2)']],
  ['pth', 'path', ['[(0,0),(1,1),(2,0)]', '((0,0),(1,1))']],
  ['poly', 'polygon', ['((0,0),(1,1),(1,0))', '((0.5,0.5))']],
  ['circ', 'circle', ['<(0,0),1.5>', '<(1e-10,2),0>']],
  ['tz', 'timetz', ['24:00:00-15:59', '12:00:00.123456+05:30']],
  ['t3', 'time(3)', ['23:59:59.999', '00:00:00']],
  ['lsn', 'pg_lsn', ['16/B374D848', '0/0']],
  ['pos', 'fi.posint', ['5', '2147483647']],
  ['pr', 'fi.pair', ['(1,"a b")', '(,)']],
  ['feeling', 'fi.mood', ['ok', 'sad']],
  ['ips', 'inet[]', ['{10.0.0.1,::1}', '{}']],
  ['ranges', 'int4range[]', ['{"[1,2)",empty}', '{NULL}']],
  ['pts', 'point[]', ['{"(1,2)","(3,4)"}', '{{"(1,2)"},{"(3,4)"}}']],
  ['cashes', 'money[]', ['{1.00,-2.50}', '{}']],
  ['grid', 'integer[][]', ['{{1,2},{3,4}}', '{1,2}']],
];
/** Types from contrib extensions, which PGlite has only as separate packages. */
const EXTENSION_COLUMNS: [string, string, string[]][] = [
  ['h', 'hstore', ['a=>1, "b c"=>NULL', '']],
  ['ci', 'citext', ['MiXeD', '']],
];
/** Types Datakit has no kind for: passed through as text, and named in a warning. */
const RAW = [
  'fi.pair',
  'fi.posint',
  'box',
  'circle',
  'line',
  'lseg',
  'oid',
  'path',
  'pg_lsn',
  'point',
  'polygon',
  'regtype',
  'int4multirange',
];

function ddl(table: string, columns: [string, string, string[]][]): string {
  return `create table fi.${table} (id integer primary key, ${columns.map(([c, t]) => `${c} ${t}`).join(', ')})`;
}

async function createSchema(conn: Connection, extensions: boolean): Promise<void> {
  await conn.query('drop schema if exists fi cascade');
  await conn.query('create schema fi');
  await conn.query('create domain fi.posint as integer check (value > 0)');
  await conn.query('create type fi.pair as (a integer, b text)');
  await conn.query(`create type fi.mood as enum ('sad', 'ok')`);
  await conn.query(ddl('every_type', COLUMNS));
  if (extensions) {
    await conn.query('create extension if not exists hstore');
    await conn.query('create extension if not exists citext');
    await conn.query(ddl('extension_type', EXTENSION_COLUMNS));
  }
}

async function fill(conn: Connection, table: string, columns: [string, string, string[]][]): Promise<void> {
  for (let row = 0; row < 2; row++) {
    const values = columns.map(([, t], i) => `$${i + 2}::${t}`);
    await conn.query(`insert into fi.${table} values ($1, ${values.join(', ')})`, [
      row + 1,
      ...columns.map(([, , v]) => v[row]),
    ]);
  }
  await conn.query(`insert into fi.${table} (id) values (3)`);
}

await forEachPair('introspect → drift → transfer on every PostgreSQL type', (pair) => {
  let dir: string;
  let file: string;
  let datakit: LoadedDatakit;
  let warnings: { column?: string; rawType?: string; message: string }[];
  const tables = () =>
    pair().sourceIsPglite || pair().targetIsPglite ? ['every_type'] : ['every_type', 'extension_type'];

  beforeAll(async () => {
    const extensions = !pair().sourceIsPglite && !pair().targetIsPglite;
    await createSchema(pair().source, extensions);
    await createSchema(pair().target, extensions);
    await fill(pair().source, 'every_type', COLUMNS);
    if (extensions) await fill(pair().source, 'extension_type', EXTENSION_COLUMNS);
    dir = await generatedDir('fidelity-types');
    const result = await introspectToDirectory({
      connection: pair().source,
      schema: 'fi',
      out: path.join(dir, 'every-type'),
    });
    file = result.files[0] as string;
    warnings = result.warnings;
    datakit = (await import(pathToFileURL(file).href))[result.exportName] as LoadedDatakit;
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('maps every type to a type that reads back the same, naming the raw pass-through ones', async () => {
    const code = await readFile(file, 'utf8');
    expect(code).not.toContain('text(), // datakit: unmapped');
    expect(code).toContain('ip: inet(),');
    expect(code).toContain('flags: bit({ dimensions: 8 }),');
    expect(code).toContain('vflags: varbit({ length: 16 }),');
    expect(code).toContain('cash: money(),');
    expect(code).toContain("span_ds: interval({ fields: 'day to second', precision: 3 }),");
    expect(code).toContain('tz: time({ withTimezone: true }),');
    expect(code).toContain("pts: rawType({ sql: 'point' }).array(),");
    const extensions = tables().length > 1 ? ['hstore', 'citext'] : [];
    expect(warnings.map((w) => w.rawType).sort()).toEqual([...RAW, 'point', ...extensions].sort());
    for (const w of warnings) expect(w.message).toContain('rawType');
  });

  it('passes its own drift check on the source and on a copy', async () => {
    for (const conn of [pair().source, pair().target]) {
      const result = await checkDrift({
        connection: conn,
        tables: tables().map((name) => ({
          system: 'fi',
          role: 'source' as const,
          contract: datakit.schemaOf(datakit.keys.find((k) => datakit.schemaOf(k).name === name) as string),
        })),
      });
      expect(result.tables.flatMap((t) => t.report.changes)).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });

  it('carries every value exactly', async () => {
    for (const name of tables()) {
      const key = datakit.keys.find((k) => datakit.schemaOf(k).name === name) as string;
      const table = datakit.tables[key] as Table;
      const result = await transfer({ from: pair().source, to: pair().target, source: table, target: table });
      expect(result.rejects.map((r) => r.message)).toEqual([]);
      expect(result.rows).toMatchObject({ read: 3, loaded: 3 });
      const columns = ['id', ...(name === 'every_type' ? COLUMNS : EXTENSION_COLUMNS).map(([c]) => c)];
      const diff = await compareTables(pair().source, `fi.${name}`, pair().target, `fi.${name}`, columns);
      expect(diff).toEqual({ onlyLeft: [], onlyRight: [] });
    }
  });

  it('generates code that type-checks under the strict tsconfig', async () => {
    if (pair().sourceIsPglite || pair().targetIsPglite) return;
    expect(await typeCheck(path.dirname(file))).toEqual([]);
  }, 180_000);
});
