import { integer, pgTable, timestamp } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Connection } from '../../src/dialect/connection.js';
import type { DeleteMode } from '../../src/gold/define-dimension.js';
import { defineFact } from '../../src/gold/define-fact.js';
import { lookup } from '../../src/gold/lookup.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { place, textRows } from '../sql-transform/fixtures.js';
import { customerDimension } from './fixtures.js';
import { applyBatch, type BatchRow, inferMember, type ModelVersion } from './scd2-model.js';

/** Silver rows that reference customers (a fact's source) and the gold fact they load. */
export const customerRef = pgTable('customer_ref', {
  customer_id: integer().notNull(),
  at: timestamp({ withTimezone: true }).notNull(),
});
export const factRef = pgTable('fact_ref', { customer_key: integer().notNull() });

const KEYS = [1, 2, 3, 4, 5];
const values = fc.record({ name: fc.constantFrom('a', 'b'), tier: fc.constantFrom(null, 'x', 'y') });
/** One batch: per key absent (deleted or not yet inserted) or its row, maybe with an older second row. */
const batch = fc.record({
  rows: fc.tuple(
    ...KEYS.map(() =>
      fc.option(fc.record({ now: values, older: fc.option(values, { nil: undefined }) }), {
        nil: undefined,
        freq: 3,
      }),
    ),
  ),
  infer: fc.subarray([6, 7, ...KEYS], { maxLength: 2 }),
});
const sequence = fc.record({
  mode: fc.constantFrom<DeleteMode>('ignore', 'close', 'version'),
  strategy: fc.constantFrom<'stage' | 'direct'>('stage', 'direct'),
  batches: fc.array(batch, { minLength: 1, maxLength: 6 }),
});

const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i));
const label = (t: number) =>
  t === -Infinity ? '-infinity' : t === Infinity ? 'infinity' : day(t).toISOString().slice(0, 10);

async function dimension(conn: Connection) {
  return textRows(
    conn,
    `select customer_id as key, name, tier,
       case when valid_from = '-infinity' then '-infinity' else to_char(valid_from at time zone 'UTC', 'YYYY-MM-DD') end as "from",
       case when valid_to = 'infinity' then 'infinity' else to_char(valid_to at time zone 'UTC', 'YYYY-MM-DD') end as "to",
       is_current::text as current, is_deleted::text as deleted, is_inferred::text as inferred
     from mart.dim_customer where customer_key <> -1 order by customer_id, valid_from`,
  );
}

/** What the run should report, from the model before and after the batch. */
function expectedCounts(before: ModelVersion[], after: ModelVersion[], rows: BatchRow[]) {
  const keys = new Set(rows.map((r) => r.id));
  const had = (key: number) => before.some((v) => v.key === key);
  const currentBefore = (key: number) => before.find((v) => v.key === key && v.current);
  const opened = (key: number) =>
    after.filter((v) => v.key === key).length > before.filter((v) => v.key === key).length;
  let fresh = 0;
  let changed = 0;
  let reopened = 0;
  let inferred = 0;
  for (const key of keys) {
    const cur = currentBefore(key);
    if (!had(key)) fresh++;
    else if (!cur) reopened++;
    else if (cur.inferred) inferred++;
    else if (opened(key)) changed++;
  }
  const deleted = before.filter(
    (v) =>
      v.current &&
      !v.deleted &&
      !v.inferred &&
      !keys.has(v.key) &&
      !after.find((a) => a.key === v.key && a.from === v.from)?.current,
  ).length;
  return {
    staged: keys.size,
    new: fresh,
    changed,
    reopened,
    inferred,
    deleted,
    unchanged: keys.size - fresh - changed - reopened - inferred,
  };
}

function expected(versions: ModelVersion[]) {
  return [...versions]
    .sort((a, b) => a.key - b.key || a.from - b.from)
    .map((v) => ({
      key: String(v.key),
      name: v.name,
      tier: v.tier,
      from: label(v.from),
      to: label(v.to),
      current: String(v.current),
      deleted: String(v.deleted),
      inferred: String(v.inferred),
    }));
}

/**
 * The SCD2 property: random change sequences (insert, update, delete, re-insert, no-op, two rows
 * of one key in a batch, facts naming keys not seen yet) applied by the dimension equal the plain
 * reference model, and no key ever has two current rows. Tables come from the suite's setup.
 */
export function scd2Property(db: () => Connection, runs: number): void {
  it(`applies random change sequences exactly as the reference model (${runs} sequences)`, async () => {
    await fc.assert(
      fc.asyncProperty(sequence, async ({ mode, strategy, batches }) => {
        const conn = db();
        const dim = customerDimension(mode, strategy);
        const fact = defineFact(inLayer(factRef, 'gold'), {
          from: inLayer(customerRef, 'silver'),
          select: {},
          lookups: {
            customer_key: lookup(
              dim,
              { customer_id: customerRef.customer_id },
              { at: customerRef.at, inferred: true },
            ),
          },
          disposition: 'replace',
        });
        await conn.query('truncate mart.dim_customer restart identity');
        await dim.prepare(conn, { place });
        const model: ModelVersion[] = [];
        for (const [i, b] of batches.entries()) {
          const at = i + 1;
          await conn.query('truncate clean_zone.customer_ref');
          if (b.infer.length > 0) {
            await conn.query(
              `insert into clean_zone.customer_ref select unnest($1::int[]), $2::timestamptz`,
              [b.infer, day(at).toISOString()],
            );
            await fact.run(conn, { place, at: day(at) });
            for (const key of b.infer) inferMember(model, key);
          }
          const rows: BatchRow[] = [];
          b.rows.forEach((row, k) => {
            if (!row) return;
            rows.push({ id: KEYS[k] as number, ...row.now, seq: 2 });
            if (row.older) rows.push({ id: KEYS[k] as number, ...row.older, seq: 1 });
          });
          await conn.query('truncate clean_zone.customer_batch');
          if (rows.length > 0) {
            await conn.query(
              'insert into clean_zone.customer_batch (id, name, tier, seq) select * from unnest($1::int[], $2::text[], $3::text[], $4::int[])',
              [
                rows.map((r) => r.id),
                rows.map((r) => r.name),
                rows.map((r) => r.tier),
                rows.map((r) => r.seq),
              ],
            );
          }
          const result = await dim.run(conn, { place, at: day(at) });
          const before = model.map((v) => ({ ...v }));
          applyBatch(model, rows, at, mode);
          expect(result.rows, 'counts').toEqual(expectedCounts(before, model, rows));
          expect(await dimension(conn)).toEqual(expected(model));
          expect(
            await textRows(
              conn,
              'select customer_id from mart.dim_customer where is_current group by 1 having count(*) > 1',
            ),
          ).toEqual([]);
        }
      }),
      { numRuns: runs },
    );
  });
}
