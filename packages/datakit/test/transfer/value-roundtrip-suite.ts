import fc from 'fast-check';
import { expect, it } from 'vitest';
import { defineTransform } from '../../src/contract/define-transform.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import {
  type GeneratedRow,
  insertValue,
  rowArbitrary,
  rtCopy,
  rtSource,
  SQL_TYPES,
} from './value-arbitraries.js';

/** The columns of the round-trip tables, `id` first. */
export const COLUMNS = Object.keys(SQL_TYPES);
/** json columns whose re-encoded value is compared as jsonb: a transform that builds JSON gets JSON.stringify's spelling. */
const REBUILT_JSON = new Set(['doc', 'docb']);

// New objects for every object-typed value (and a changed text), so the encoders format them
// instead of copying the source text through. JSON texts with numbers beyond a double stay as
// they are: only an unchanged value keeps them.
const reencode = defineTransform(rtSource, rtCopy, (row) => ({
  ...row,
  txt: row.txt === null ? null : `<${row.txt}>`,
  day_date: row.day_date && new Date(row.day_date.getTime()),
  ts: row.ts && new Date(row.ts.getTime()),
  tstz: row.tstz && new Date(row.tstz.getTime()),
  doc: row.doc === null || typeof row.doc !== 'object' ? row.doc : structuredClone(row.doc),
  docb: row.docb === null || typeof row.docb !== 'object' ? row.docb : structuredClone(row.docb),
  ints: row.ints && [...row.ints],
  texts: row.texts && [...row.texts],
  grid: row.grid === null ? null : row.grid.map((r) => [...r]),
  stamps: row.stamps === null ? null : row.stamps.map((d) => d && new Date(d.getTime())),
  bytes: row.bytes && Buffer.from(row.bytes),
}));

/** Creates `rt_src.vals` and `rt_copy.vals` (and the enum they use), dropping earlier ones. */
export async function createTables(db: Connection): Promise<void> {
  for (const schema of ['rt_src', 'rt_copy']) await db.query(`drop schema if exists ${schema} cascade`);
  await db.query('drop type if exists rt_mood');
  await db.query(`create type rt_mood as enum ('sad', 'ok', 'happy: "yes"\t!')`);
  const columns = COLUMNS.map((c) => `"${c}" ${SQL_TYPES[c]}`).join(', ');
  for (const schema of ['rt_src', 'rt_copy']) {
    await db.query(`create schema ${schema}`);
    await db.query(`create table ${schema}.vals (${columns})`);
  }
}

/** Inserts generated rows into `rt_src.vals` (ids 1..n), many rows per statement, without Datakit code. */
export async function insertRows(db: Connection, rows: readonly GeneratedRow[]): Promise<void> {
  const perStatement = 200;
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: (string | null)[] = [];
    const tuples = rows.slice(start, start + perStatement).map((row, r) => {
      params.push(String(start + r + 1));
      const values = [`$${params.length}::int`];
      for (const column of COLUMNS.slice(1)) {
        const v = insertValue(column, row[column as keyof GeneratedRow], `$${params.length + 1}`);
        if (v.value !== null) params.push(v.value);
        values.push(v.sql);
      }
      return `(${values.join(', ')})`;
    });
    await db.query(`insert into rt_src.vals values ${tuples.join(', ')}`, params);
  }
}

/** Columns whose copy differs from `expected(column)` over the source, with a sample. */
async function mismatches(
  db: Connection,
  expected: (column: string) => string,
  asJsonb: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const checks = COLUMNS.map((c) => {
    const cast = asJsonb.has(c) ? '::jsonb' : '::text';
    return `case when (${expected(c)})${cast} is distinct from d."${c}"${cast} then '${c}: ' || coalesce((${expected(c)})::text, 'NULL') || ' <> ' || coalesce(d."${c}"::text, 'NULL') end`;
  });
  const { rows } = await db.query<{ m: string | null }>(
    `select unnest(array[${checks.join(', ')}]) as m from rt_src.vals s full join rt_copy.vals d using (id)`,
  );
  return rows.map((r) => r.m).filter((m): m is string => m !== null);
}

/**
 * Property: every value of every supported type survives a transfer exactly, compared in SQL —
 * once copied through unchanged, once re-encoded by the engine from new JS objects.
 */
export function valueRoundTripSuite(db: () => Connection, numRuns: number): void {
  it('keeps every value of every supported type exactly', async () => {
    await createTables(db());
    await fc.assert(
      fc.asyncProperty(fc.array(rowArbitrary, { maxLength: 12 }), async (rows) => {
        await db().query('truncate rt_src.vals');
        await insertRows(db(), rows);
        const copied = await transfer({
          from: db(),
          to: db(),
          source: rtSource,
          target: rtCopy,
          disposition: 'replace',
        });
        expect(copied.rejects.map((r) => r.message)).toEqual([]);
        expect(copied.rows).toMatchObject({ read: rows.length, loaded: rows.length, rejected: 0 });
        expect(await mismatches(db(), (c) => `s."${c}"`)).toEqual([]);
        const reencoded = await transfer({
          from: db(),
          to: db(),
          transform: reencode,
          disposition: 'replace',
        });
        expect(reencoded.rejects.map((r) => r.message)).toEqual([]);
        expect(reencoded.rows).toMatchObject({ read: rows.length, loaded: rows.length, rejected: 0 });
        expect(
          await mismatches(db(), (c) => (c === 'txt' ? `'<' || s.txt || '>'` : `s."${c}"`), REBUILT_JSON),
        ).toEqual([]);
      }),
      { numRuns },
    );
  }, 300_000);
}
