import { expect, it } from 'vitest';
import type { Connection } from '../../src/dialect/connection.js';
import { place, textRows } from '../sql-transform/fixtures.js';
import { customerDimension } from './fixtures.js';

const day = (d: string) => new Date(`${d}T00:00:00Z`);

async function batch(conn: Connection, rows: [number, string, string | null][]): Promise<void> {
  await conn.query('truncate clean_zone.customer_batch');
  await conn.query(
    'insert into clean_zone.customer_batch (id, name, tier, seq) select *, 1 from unnest($1::int[], $2::text[], $3::text[])',
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
}

/**
 * A dimension run reports every source row once, in both strategies, on a first load and after:
 * also a row with the unknown member's key, which no run changes. Tables come from the suite.
 */
export function scd2Counts(db: () => Connection): void {
  it("counts every source row once, a row with the unknown member's key too (left untouched)", async () => {
    for (const strategy of ['stage', 'direct'] as const) {
      await db().query('delete from mart.dim_customer where customer_key <> -1');
      const dim = customerDimension('close', strategy);
      await batch(db(), [
        [-1, 'Nobody', null],
        [1, 'Ada', null],
        [2, 'Bob', null],
      ]);
      expect((await dim.run(db(), { place, at: day('2024-01-10') })).rows, strategy).toEqual({
        staged: 3,
        new: 2,
        changed: 0,
        reopened: 0,
        inferred: 0,
        deleted: 0,
        unchanged: 1,
      });
      await batch(db(), [
        [-1, 'Nobody', 'x'],
        [1, 'Ada', 'x'],
        [3, 'Cy', null],
      ]);
      expect((await dim.run(db(), { place, at: day('2024-01-11') })).rows, strategy).toEqual({
        staged: 3,
        new: 1,
        changed: 1,
        reopened: 0,
        inferred: 0,
        deleted: 1,
        unchanged: 1,
      });
      expect(
        await textRows(
          db(),
          'select customer_key, name, tier, is_current::text as cur from mart.dim_customer where customer_id = -1',
        ),
        strategy,
      ).toEqual([{ customer_key: '-1', name: 'Unknown', tier: null, cur: 'true' }]);
    }
  });
}
