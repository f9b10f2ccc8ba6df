import { beforeEach, describe, expect, it } from 'vitest';
import { defineTransform } from '../../src/contract/define-transform.js';
import type { Connection } from '../../src/dialect/connection.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import type { TransferProgress } from '../../src/transfer/progress-reporter.js';
import { transfer } from '../../src/transfer/transfer.js';
import {
  bronzeCustomer,
  bronzeRows,
  createBronze,
  createSource,
  customer,
  expectedRows,
  insertSource,
  seedRows,
  toBronze,
  toHistory,
} from './fixtures.js';

/** The databases one run of the suite uses; `source` and `warehouse` may be the same connection. */
export interface SuiteDatabases {
  source: () => Connection;
  warehouse: () => Connection;
}

/**
 * Every write disposition, incremental loads, rejects and atomicity, against one pair of databases
 * (PostgreSQL → PostgreSQL, PGlite → PGlite, ...).
 */
export function transferSuite(db: SuiteDatabases): void {
  const run = (
    options: Omit<Parameters<typeof transfer<typeof customer, typeof bronzeCustomer>>[0], 'from' | 'to'>,
  ) => transfer({ from: db.source(), to: db.warehouse(), ...options });
  const count = async (sql: string) => Number((await db.warehouse().query<{ n: string }>(sql)).rows[0]?.n);

  beforeEach(async () => {
    await createSource(db.source());
    await createBronze(db.warehouse());
    await insertSource(db.source(), seedRows(250));
  });

  describe('append', () => {
    it('loads every row, transformed, with lineage, and records the load', async () => {
      const seen: TransferProgress[] = [];
      const result = await run({
        transform: toBronze,
        sourceSystem: 'crm-db',
        onProgress: (p) => seen.push(p),
      });
      expect(result.rows).toMatchObject({ read: 250, loaded: 250, rejected: 0, dropped: 0, inserted: 250 });
      expect(seen.at(-1)).toMatchObject({ read: 250, loaded: 250, done: true });
      expect(await bronzeRows(db.warehouse())).toEqual(await expectedRows(db.source()));
      const lineage = await db
        .warehouse()
        .query<{ id: string; sys: string; tab: string; n: string }>(
          'select _load_id::text as id, _source_system as sys, _source_table as tab, count(*) as n from bronze.customer group by 1, 2, 3',
        );
      expect(lineage.rows).toEqual([
        { id: result.loadId, sys: 'crm-db', tab: 'crm.customer', n: expect.anything() },
      ]);
      const load = await db
        .warehouse()
        .query<{ status: string; rows_read: string; rows_loaded: string }>(
          'select status, rows_read::text, rows_loaded::text from datakit.loads where load_id = $1',
          [result.loadId],
        );
      expect(load.rows).toEqual([{ status: 'succeeded', rows_read: '250', rows_loaded: '250' }]);
    });

    it('sees values a transform changed by mutating the source row in place', async () => {
      const mutating = defineTransform(customer, bronzeCustomer, (row) => {
        row.full_name = row.full_name.toUpperCase();
        row.email = row.email?.toLowerCase() ?? null;
        row.updated_at.setUTCFullYear(2031);
        return row;
      });
      await run({ transform: mutating });
      expect(await bronzeRows(db.warehouse())).toEqual(await expectedRows(db.source()));
      expect(
        await count(
          `select count(*) as n from bronze.customer where extract(year from updated_at at time zone 'UTC') = 2031`,
        ),
      ).toBe(250);
    });

    it('keeps timestamps exact to the microsecond', async () => {
      await db
        .source()
        .query(`update crm.customer set updated_at = '2024-02-29 23:59:59.123456+00' where customer_id = 1`);
      await run({ transform: toBronze });
      const { rows } = await db
        .warehouse()
        .query<{ t: string }>(
          `select to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as t from bronze.customer where customer_id = 1`,
        );
      expect(rows[0]?.t).toBe('2024-02-29 23:59:59.123456');
    });

    it('fails atomically on a duplicate key and leaves the target exactly as before', async () => {
      await run({ transform: toBronze });
      const before = await bronzeRows(db.warehouse());
      const error = await run({ transform: toBronze }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatakitError);
      expect((error as DatakitError).message).toMatch(/target is unchanged/);
      expect(await bronzeRows(db.warehouse())).toEqual(before);
      expect(await count(`select count(*) as n from datakit.loads where status = 'failed'`)).toBe(1);
    });
  });

  describe('abort', () => {
    it('stops when its signal aborts, fails with the reason, and lands nothing', async () => {
      const controller = new AbortController();
      let transformed = 0;
      const aborting = defineTransform(customer, bronzeCustomer, (row, ctx) => {
        transformed += 1;
        if (transformed === 50) controller.abort(new Error('stopped on purpose'));
        return toBronze.fn(row, ctx);
      });
      const error = await run({ transform: aborting, batchSize: 10, signal: controller.signal }).catch(
        (e: unknown) => e,
      );
      expect((error as Error).message).toContain('stopped on purpose');
      expect(await count('select count(*) as n from bronze.customer')).toBe(0);
      expect(await count(`select count(*) as n from datakit.loads where status = 'failed'`)).toBe(1);
    });
  });

  describe('replace', () => {
    it('gives exactly the source rows', async () => {
      await run({ transform: toBronze, disposition: 'replace' });
      await db.source().query(`delete from crm.customer where customer_id <= 10`);
      await db.source().query(`update crm.customer set full_name = 'Renamed' where customer_id = 20`);
      const result = await run({ transform: toBronze, disposition: 'replace' });
      expect(result.rows.loaded).toBe(240);
      expect(await bronzeRows(db.warehouse())).toEqual(await expectedRows(db.source()));
    });
  });

  describe('merge', () => {
    it('inserts new keys, updates changed rows and does not rewrite unchanged ones', async () => {
      const first = await run({ transform: toBronze, disposition: 'merge' });
      expect(first.rows).toMatchObject({ loaded: 250, inserted: 250, updated: 0, unchanged: 0 });
      await db.source().query(`update crm.customer set full_name = 'Changed' where customer_id in (1, 2, 3)`);
      await insertSource(db.source(), seedRows(5, 1000));
      const second = await run({ transform: toBronze, disposition: 'merge' });
      expect(second.rows).toMatchObject({ read: 255, loaded: 255, inserted: 5, updated: 3, unchanged: 247 });
      expect(await bronzeRows(db.warehouse())).toEqual(await expectedRows(db.source()));
      expect(
        await count(`select count(*) as n from bronze.customer where _load_id = '${second.loadId}'`),
      ).toBe(8);
      expect(
        await count(`select count(*) as n from bronze.customer where _load_id = '${first.loadId}'`),
      ).toBe(247);
    });
  });

  describe('merge into an empty target (written straight into it)', () => {
    const repeated = defineTransform(customer, bronzeCustomer, (row) => ({
      customer_id: row.customer_id > 200 ? row.customer_id - 100 : row.customer_id,
      full_name: row.full_name,
      email: null,
      score: row.score,
      active: row.active,
      updated_at: row.updated_at,
    }));

    it('refuses two rows with one key as the staged merge does, and leaves the target empty', async () => {
      const error = await run({ transform: repeated, disposition: 'merge' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatakitError);
      expect((error as DatakitError).message).toMatch(
        /The load has more than one row with the same key \(customer_id=1\d\d\) for "customer"/,
      );
      expect((error as DatakitError).hint).toContain('one row per key');
      expect(await count('select count(*) as n from bronze.customer')).toBe(0);
      // Into a target that has rows, the staged merge finds the same repeated key.
      await run({ transform: toBronze, disposition: 'merge' });
      const again = await run({ transform: repeated, disposition: 'merge' }).catch((e: unknown) => e);
      expect((again as DatakitError).message).toMatch(/rows with the same key \(customer_id=1\d\d\)/);
    });

    it('gives the counts and rows of a staged merge, and the next merge sees them', async () => {
      const first = await run({ transform: toBronze, disposition: 'merge' });
      expect(first.rows).toMatchObject({ read: 250, loaded: 250, inserted: 250, updated: 0, unchanged: 0 });
      expect(await bronzeRows(db.warehouse())).toEqual(await expectedRows(db.source()));
      const second = await run({ transform: toBronze, disposition: 'merge' });
      expect(second.rows).toMatchObject({ inserted: 0, updated: 0, unchanged: 250 });
    });
  });

  describe('history', () => {
    const history = () =>
      transfer({ from: db.source(), to: db.warehouse(), transform: toHistory, disposition: 'history' });
    const versions = async () =>
      (
        await db.warehouse().query<{ v: string }>(
          `select concat_ws('|', customer_id, full_name, case when upper(systime) = 'infinity' then 'open' else 'closed' end) as v from bronze.customer_history
           where customer_id in (1, 2, 3, 1000) order by customer_id, lower(systime)`,
        )
      ).rows.map((r) => r.v);

    it('opens versions, closes changed and deleted keys, and reopens re-inserted keys', async () => {
      const t0 = await history();
      expect(t0.rows).toMatchObject({ loaded: 250, inserted: 250, closed: 0 });
      await db.source().query(`update crm.customer set full_name = 'Changed' where customer_id = 1`);
      await db.source().query(`delete from crm.customer where customer_id = 2`);
      await insertSource(db.source(), seedRows(1, 1000));
      const t1 = await history();
      expect(t1.rows).toMatchObject({ read: 250, inserted: 2, closed: 2, unchanged: 248 });
      expect(await versions()).toEqual([
        '1|CUSTOMER 1|closed',
        '1|CHANGED|open',
        '2|CUSTOMER 2|closed',
        '3|CUSTOMER 3|open',
        '1000|CUSTOMER 1000|open',
      ]);
      await insertSource(db.source(), seedRows(1, 2));
      const t2 = await history();
      expect(t2.rows).toMatchObject({ inserted: 1, closed: 0 });
      expect(await count(`select count(*) as n from bronze.customer_history where customer_id = 2`)).toBe(2);
      expect(
        await count(`select count(*) as n from bronze.customer_history where upper(systime) = 'infinity'`),
      ).toBe(251);
      const valid = await db
        .warehouse()
        .query<{ ok: boolean }>(
          `select bool_and(lower(systime) < upper(systime)) as ok from bronze.customer_history`,
        );
      expect(valid.rows[0]?.ok).toBe(true);
    });

    it('does not close the key of a rejected row as deleted', async () => {
      await history();
      await db.source().query(`update crm.customer set email = '${'x'.repeat(41)}' where customer_id = 7`);
      const t1 = await history();
      expect(t1.rows).toMatchObject({ rejected: 1, closed: 0, inserted: 0 });
      expect(t1.warnings).toEqual([
        '1 rows were rejected, so keys missing from this load were not closed as deleted',
      ]);
      expect(
        await count(`select count(*) as n from bronze.customer_history where upper(systime) = 'infinity'`),
      ).toBe(250);
    });
  });

  describe('incremental', () => {
    it('reads only rows past the saved cursor and saves it with the data', async () => {
      const first = await run({
        transform: toBronze,
        disposition: 'merge',
        cursor: 'updated_at',
        name: 'crm-customer',
      });
      expect(first.rows.read).toBe(250);
      expect(first.cursor).toMatchObject({ column: 'updated_at', from: null });
      await db
        .source()
        .query(
          `update crm.customer set full_name = 'Changed', updated_at = '2030-01-01' where customer_id in (5, 6)`,
        );
      await insertSource(db.source(), [
        {
          ...(seedRows(1, 500)[0] as ReturnType<typeof seedRows>[number]),
          updatedAt: '2030-01-02T00:00:00Z',
        },
      ]);
      const second = await run({
        transform: toBronze,
        disposition: 'merge',
        cursor: 'updated_at',
        name: 'crm-customer',
      });
      expect(second.rows).toMatchObject({ read: 3, inserted: 1, updated: 2 });
      expect(await bronzeRows(db.warehouse())).toEqual(await expectedRows(db.source()));
      const third = await run({
        transform: toBronze,
        disposition: 'merge',
        cursor: 'updated_at',
        name: 'crm-customer',
      });
      expect(third.rows.read).toBe(0);
      const saved = await db
        .warehouse()
        .query<{ value: string }>(`select value from datakit.cursors where transfer = 'crm-customer'`);
      expect(saved.rows[0]?.value).toBe('2030-01-02 00:00:00+00');
    });
  });

  describe('rejects', () => {
    it('stores each bad row with its exact reason and reconciles the counts', async () => {
      await db.source().query(`update crm.customer set full_name = 'BOOM' where customer_id = 3`);
      await db.source().query(`update crm.customer set full_name = 'DROP me' where customer_id = 4`);
      await db.source().query(`update crm.customer set email = '${'x'.repeat(41)}' where customer_id = 5`);
      const result = await run({ transform: toBronze, targetDatakit: { name: 'bronze', version: '1.2.0' } });
      const { read, loaded, rejected, dropped } = result.rows;
      expect({ read, loaded, rejected, dropped }).toEqual({
        read: 250,
        loaded: 247,
        rejected: 2,
        dropped: 1,
      });
      expect(read).toBe(loaded + rejected + dropped);
      const { rows } = await db.warehouse().query<Record<string, unknown>>(
        `select stage, "column", rule, message, row->>'customer_id' as id, datakit, datakit_version
         from datakit.rejects where load_id = $1 order by (row->>'customer_id')::int`,
        [result.loadId],
      );
      expect(rows).toEqual([
        {
          stage: 'transform',
          column: null,
          rule: 'transform',
          message: 'Row customer_id=3 of "crm.customer": the transform threw: cannot transform BOOM',
          id: '3',
          datakit: null,
          datakit_version: null,
        },
        {
          stage: 'target',
          column: 'email',
          rule: 'max-length:40',
          message: expect.stringMatching(
            /^Row customer_id=5 of "customer" in bronze@1\.2\.0: column "email" has 41 characters, more than varchar\(40\) allows/,
          ),
          id: '5',
          datakit: 'bronze',
          datakit_version: '1.2.0',
        },
      ]);
      expect(await bronzeRows(db.warehouse())).toEqual(
        (await expectedRows(db.source())).filter((r) => !r.startsWith('5|')),
      );
    });

    it('fails by default when every row is rejected, and says how many', async () => {
      await db.source().query(`update crm.customer set full_name = 'BOOM'`);
      const error = (await run({ transform: toBronze }).catch((e: unknown) => e)) as DatakitError;
      expect(error).toBeInstanceOf(DatakitError);
      expect(error.message).toContain(
        'Too many rejected rows: 250 of 250 read (default maxRejects: 1% of rows read)',
      );
      expect(await count(`select count(*) as n from datakit.loads where status = 'failed'`)).toBe(1);
    });

    it('records every reject even when no row is loaded', async () => {
      await db.source().query(`update crm.customer set full_name = 'BOOM'`);
      const result = await run({ transform: toBronze, maxRejects: 250 });
      expect(result.rows).toMatchObject({ read: 250, loaded: 0, rejected: 250 });
      expect(
        await count(`select count(*) as n from datakit.rejects where load_id = '${result.loadId}'`),
      ).toBe(250);
    });

    it('still checks source columns whose live type does not guarantee the contract', async () => {
      await db
        .source()
        .query(
          'alter table crm.customer alter column email type varchar(300), alter column full_name drop not null',
        );
      await db.source().query(`update crm.customer set email = '${'y'.repeat(250)}' where customer_id = 9`);
      await db.source().query(`update crm.customer set full_name = null where customer_id = 11`);
      // NOT NULL dropped in the source is breaking drift; quarantine lets the rows through to validation.
      const result = await run({ transform: toBronze, drift: { source: 'quarantine' } });
      expect(result.rows).toMatchObject({ read: 250, loaded: 248, rejected: 2 });
      expect(result.rejects.map((r) => [r.stage, r.column, r.rule]).sort()).toEqual([
        ['source', 'email', 'max-length:200'],
        ['source', 'full_name', 'not-null'],
      ]);
    });

    it('fails atomically past maxRejects, naming the count and the first reasons', async () => {
      await db.source().query(`update crm.customer set full_name = 'BOOM' where customer_id <= 20`);
      const error = (await run({ transform: toBronze, maxRejects: 10 }).catch(
        (e: unknown) => e,
      )) as DatakitError;
      expect(error).toBeInstanceOf(DatakitError);
      expect(error.message).toMatch(/Too many rejected rows: 11 \(maxRejects 10\)/);
      expect(error.message).toMatch(
        /Row customer_id=\d+ of "crm.customer": the transform threw: cannot transform BOOM/,
      );
      expect(await count('select count(*) as n from bronze.customer')).toBe(0);
      const fraction = (await run({ transform: toBronze, maxRejects: 0.05 }).catch(
        (e: unknown) => e,
      )) as DatakitError;
      expect(fraction.message).toMatch(
        /Too many rejected rows: 20 of 250 read \(maxRejects 5% of rows read\)/,
      );
      expect(await count('select count(*) as n from bronze.customer')).toBe(0);
      const ok = await run({ transform: toBronze, maxRejects: 0.1 });
      expect(ok.rows).toMatchObject({ loaded: 230, rejected: 20 });
    });
  });
}
