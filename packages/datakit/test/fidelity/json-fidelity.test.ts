import { integer, json, jsonb, pgSchema } from 'drizzle-orm/pg-core';
import { beforeAll, expect, it } from 'vitest';
import { defineTransform } from '../../src/contract/define-transform.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { compareTables, textRows } from './compare-tables.js';
import { forEachPair } from './fidelity-pairs.js';

type Doc = { [key: string]: unknown } | unknown[] | string | number | boolean | null;

const columns = () => ({
  id: integer().primaryKey(),
  doc: json().$type<Doc>(),
  docb: jsonb().$type<Doc>(),
});
const fj = pgSchema('fj');
const src = fj.table('src', columns());
const dst = fj.table('dst', columns());
const intoJsonb = fj.table('dst_b', { id: integer().primaryKey(), doc: jsonb().$type<Doc>() });

/** json texts both types hold; jsonb normalises them, json must keep every byte. */
const BOTH = [
  '{"b": 1,  "a" : [1, 2.50, -0, 1.0e2]}',
  '{"a":1,"a":2}',
  '"caf\\u00e9 \\ud83d\\ude00 \\\\u0041 \\"q\\" \\/"',
  'null',
  '12345678901234567890',
  '1.000000000000000000001',
  '1e400',
  '-1e400',
  '1e-400',
  '"just a string"',
  '"42"',
  '"{\\"a\\": 1}"',
  ' [ ] ',
  '-0',
  '{"big": 12345678901234567890, "tiny": 0.000000000000000000000000001, "neg": -0.0}',
  'true',
  '{}',
  `${'['.repeat(30)}"deep"${']'.repeat(30)}`,
  '{"tab\\there": "line\\nbreak", "back\\\\slash": "\\u0001\\u001f"}',
  '"\\u2028\\u2029"',
];
/** json texts only json holds: jsonb refuses U+0000 and unpaired surrogates. */
const JSON_ONLY = ['{"nul": "a\\u0000b"}', '"\\ud800"', '"\\u0000"'];

async function createTables(conn: Connection): Promise<void> {
  await conn.query('drop schema if exists fj cascade');
  await conn.query('create schema fj');
  for (const t of ['src', 'dst'])
    await conn.query(`create table fj.${t} (id int primary key, doc json, docb jsonb)`);
  await conn.query('create table fj.dst_b (id int primary key, doc jsonb)');
}

async function fill(conn: Connection): Promise<number> {
  let id = 0;
  for (const text of BOTH)
    await conn.query('insert into fj.src values ($1, $2::json, $2::jsonb)', [++id, text]);
  for (const text of JSON_ONLY)
    await conn.query('insert into fj.src values ($1, $2::json, null)', [++id, text]);
  await conn.query('insert into fj.src values ($1, null, null)', [++id]);
  return id;
}

await forEachPair('json and jsonb keep their exact values', (pair) => {
  let rows = 0;
  beforeAll(async () => {
    await createTables(pair().source);
    await createTables(pair().target);
    rows = await fill(pair().source);
  });

  it('passes every value through unchanged: json byte for byte, jsonb as PostgreSQL normalises it', async () => {
    const result = await transfer({ from: pair().source, to: pair().target, source: src, target: dst });
    expect(result.rejects.map((r) => r.message)).toEqual([]);
    expect(result.rows).toMatchObject({ read: rows, loaded: rows, rejected: 0 });
    const diff = await compareTables(pair().source, 'fj.src', pair().target, 'fj.dst', ['id', 'doc', 'docb']);
    expect(diff).toEqual({ onlyLeft: [], onlyRight: [] });
    const nulls = await textRows(pair().target, "fj.dst where doc is null or doc::text = 'null'", [
      'id',
      'doc',
    ]);
    expect(nulls.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [String(BOTH.indexOf('null') + 1), 'null'],
      [String(rows), null],
    ]);
  });

  it('writes JSON a transform builds, and notices a source value changed in place', async () => {
    const rebuild = defineTransform(src, dst, (row) => {
      const { id, doc } = row;
      if (id === 1 && doc && typeof doc === 'object' && !Array.isArray(doc)) {
        doc.touched = true;
        const built: Doc = { built: [1, 'two', null], from: id };
        return { id, doc, docb: built };
      }
      const wrapped: Doc = row.docb === null ? null : { wrapped: id };
      return { id, doc, docb: wrapped };
    });
    const result = await transfer({
      from: pair().source,
      to: pair().target,
      transform: rebuild,
      disposition: 'replace',
    });
    expect(result.rejects.map((r) => r.message)).toEqual([]);
    const first = await textRows(pair().target, 'fj.dst where id = 1', ['doc', 'docb']);
    expect(first).toEqual([
      ['{"b":1,"a":[1,2.5,0,100],"touched":true}', '{"from": 1, "built": [1, "two", null]}'],
    ]);
    const others = await textRows(pair().target, 'fj.dst where id = 4', ['doc', 'docb']);
    // A null where the source column held JSON null is that same value: it stays JSON null.
    expect(others).toEqual([['null', 'null']]);
    const plain = await textRows(pair().target, 'fj.dst where id = 2', ['doc', 'docb']);
    expect(plain).toEqual([['{"a":1,"a":2}', '{"wrapped": 2}']]);
  });

  it('rejects a json value with \\u0000 or an unpaired surrogate bound for jsonb, naming row, column, value and rule', async () => {
    const toJsonb = defineTransform(src, intoJsonb, (row) => ({ id: row.id, doc: row.doc }));
    const result = await transfer({
      from: pair().source,
      to: pair().target,
      transform: toJsonb,
      maxRejects: 10,
    });
    expect(result.rows).toMatchObject({
      read: rows,
      loaded: rows - JSON_ONLY.length,
      rejected: JSON_ONLY.length,
    });
    const first = BOTH.length + 1;
    expect(result.rejects.map((r) => [r.stage, r.column, r.rule])).toEqual(
      JSON_ONLY.map(() => ['target', 'doc', 'jsonb-text']),
    );
    const [nul] = result.rejects;
    expect(nul?.message).toMatch(new RegExp(`^Row id=${first} of "dst_b"`));
    expect(nul?.message).toContain('(rule jsonb-text)');
    expect(nul?.message).toContain('column "doc"');
    expect(nul?.message).toContain('{"nul":"a\\u0000b"}');
    const loaded = await textRows(pair().target, 'fj.dst_b', ['id', 'doc']);
    const expected = await textRows(pair().source, `fj.src where id < ${first} or id = ${rows}`, [
      'id',
      'docb',
    ]);
    expect(loaded.sort()).toEqual(expected.sort());
  });
});
