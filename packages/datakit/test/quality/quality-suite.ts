import { sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import type { Connection } from '../../src/dialect/connection.js';
import { acceptedValuesCheck } from '../../src/quality/accepted-values-check.js';
import { contractChecks } from '../../src/quality/contract-checks.js';
import { freshnessCheck } from '../../src/quality/freshness-check.js';
import { notNullCheck } from '../../src/quality/not-null-check.js';
import type { QualityCheck } from '../../src/quality/quality-check.js';
import { relationshipCheck } from '../../src/quality/relationship-check.js';
import { rowCountCheck } from '../../src/quality/row-count-check.js';
import { runChecks } from '../../src/quality/run-checks.js';
import { sqlCheck } from '../../src/quality/sql-check.js';
import { uniqueCheck } from '../../src/quality/unique-check.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { createWarehouse, customer, order, place } from '../sql-transform/fixtures.js';

const silverCustomer = inLayer(customer, 'silver');
const silverOrder = inLayer(order, 'silver');
const bronzeCustomer = inLayer(customer, 'bronze');
const bronzeOrder = inLayer(order, 'bronze');
const now = new Date('2024-03-02T00:00:00Z');

async function seed(conn: Connection): Promise<void> {
  const lineage = `gen_random_uuid(), now(), 'system-a', 'customer'`;
  for (const schema of ['clean_zone', 'raw_zone']) {
    await conn.query(
      `insert into ${schema}.customer (id, name, email, status, country, updated_at, _load_id, _loaded_at, _source_system, _source_table) values
        (1, 'Ada', 'ada@x.org', 'active', 'GB', '2024-03-01T00:00:00Z', ${lineage}),
        (2, 'Bob', 'bob@x.org', 'paused', 'FR', '2024-02-01T00:00:00Z', ${lineage}),
        (3, 'Cy', 'cy@x.org', 'churned', null, '2024-01-01T00:00:00Z', ${lineage})`,
    );
    await conn.query(
      `insert into ${schema}."order" (id, customer_id, amount, ordered_at) values (10, 1, 5, '2024-01-01'), (11, 2, 7, '2024-01-02')`,
    );
  }
  // Bronze enforces nothing beyond its columns: make room for the failures the checks must find.
  await conn.query(
    `alter table raw_zone.customer drop constraint customer_pkey, alter column name drop not null, alter column status type text`,
  );
  await conn.query(
    `insert into raw_zone.customer (id, name, email, status, country, updated_at, _load_id, _loaded_at, _source_system, _source_table) values
      (3, null, 'cy@x.org', 'vip', 'DE', '2024-01-01T00:00:00Z', ${lineage}),
      (4, null, 'dan@x.org', 'active', 'NL', '2024-01-01T00:00:00Z', ${lineage})`,
  );
  await conn.query(
    `insert into raw_zone."order" (id, customer_id, amount, ordered_at) values (12, 99, 1, '2024-01-03')`,
  );
}

/** Every check kind passes on clean data and fails on purpose on broken data; thresholds, verdicts. */
export function qualitySuite(db: () => Connection): void {
  const run = (checks: QualityCheck[], samples?: number) =>
    runChecks(db(), checks, { place, now, ...(samples === undefined ? {} : { samples }) });
  const only = async (check: QualityCheck) => {
    const result = (await run([check])).results[0];
    if (!result) throw new Error('no result');
    return result;
  };

  beforeEach(async () => {
    await createWarehouse(db(), [
      { table: customer, layer: 'silver' },
      { table: order, layer: 'silver' },
      { table: customer, layer: 'bronze' },
      { table: order, layer: 'bronze' },
    ]);
    await seed(db());
  });

  it('generates checks from the contract that pass on silver', async () => {
    const checks = [...contractChecks(silverCustomer), ...contractChecks(silverOrder)];
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'not-null(silver.customer.name)',
        'unique(silver.customer.id)',
        'unique(silver.customer.email)',
        'enum(silver.customer.status)',
        'relationship(silver.order.customer_id -> silver.customer.id)',
      ]),
    );
    const result = await run(checks);
    expect(result.results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(result).toMatchObject({ verdict: 'pass', blocking: false });
  });

  it('the same contract checks fail on purpose where bronze let bad rows in', async () => {
    const result = await run([...contractChecks(bronzeCustomer), ...contractChecks(bronzeOrder)]);
    const failing = Object.fromEntries(
      result.results.filter((r) => r.failing > 0).map((r) => [r.name, r.failing]),
    );
    expect(failing).toEqual({
      'not-null(bronze.customer.name)': 2,
      'unique(bronze.customer.id)': 1,
      'unique(bronze.customer.email)': 1,
      'enum(bronze.customer.status)': 1,
      'relationship(bronze.order.customer_id -> bronze.customer.id)': 1,
    });
    expect(result).toMatchObject({ verdict: 'error', blocking: true, counts: { error: 5 } });
    const notNull = result.results.find((r) => r.name === 'not-null(bronze.customer.name)');
    expect(notNull?.samples.map((s) => s.id).sort()).toEqual([3, 4]);
    expect(notNull).toMatchObject({ table: 'raw_zone.customer', column: 'name', kind: 'not-null' });
  });

  it('declared not-null, unique, accepted values and relationships pass and fail', async () => {
    expect((await only(notNullCheck(silverCustomer, 'country'))).failing).toBe(1);
    expect(
      (await only(notNullCheck(silverCustomer, 'country', { where: sql`${customer.status} <> 'churned'` })))
        .failing,
    ).toBe(0);
    expect((await only(uniqueCheck(silverCustomer, ['email']))).status).toBe('pass');
    const dupes = await only(uniqueCheck(bronzeCustomer, ['id']));
    expect(dupes).toMatchObject({ status: 'error', failing: 1, samples: [{ id: 3, rows: 2 }] });
    expect((await only(acceptedValuesCheck(silverCustomer, 'country', ['GB', 'FR']))).status).toBe('pass');
    expect(await only(acceptedValuesCheck(bronzeCustomer, 'country', ['GB', 'FR']))).toMatchObject({
      status: 'error',
      failing: 2,
    });
    expect((await only(relationshipCheck(silverOrder, ['customer_id'], silverCustomer, ['id']))).status).toBe(
      'pass',
    );
    expect(await only(relationshipCheck(bronzeOrder, ['customer_id'], bronzeCustomer, ['id']))).toMatchObject(
      {
        failing: 1,
        samples: [{ id: 12, customer_id: 99 }],
      },
    );
  });

  it('reconciles row counts with the layer below within a tolerance', async () => {
    const exact = await only(
      rowCountCheck(silverCustomer, bronzeCustomer, { otherMeasure: sql`count(distinct ${customer.id})` }),
    );
    expect(exact).toMatchObject({
      status: 'error',
      failing: 1,
      samples: [{ rows: 3, other_rows: 4, difference: -1, allowed: 0 }],
    });
    expect(
      (
        await only(
          rowCountCheck(silverCustomer, bronzeCustomer, {
            otherMeasure: sql`count(distinct ${customer.id})`,
            tolerance: 1,
          }),
        )
      ).status,
    ).toBe('pass');
    expect((await only(rowCountCheck(silverCustomer, bronzeCustomer, { tolerance: '40%' }))).status).toBe(
      'pass',
    );
    expect((await only(rowCountCheck(silverCustomer, bronzeCustomer, { tolerance: '10%' }))).failing).toBe(2);
    expect(
      (await only(rowCountCheck(silverOrder, bronzeOrder, { otherWhere: sql`${order.customer_id} < 99` })))
        .status,
    ).toBe('pass');
  });

  it('judges freshness at the logical time', async () => {
    expect((await only(freshnessCheck(silverCustomer, 'updated_at', { maxAge: '36 hours' }))).status).toBe(
      'pass',
    );
    const stale = await only(freshnessCheck(silverCustomer, 'updated_at', { maxAge: '12 hours' }));
    expect(stale).toMatchObject({ status: 'error', failing: 1 });
    expect(stale.samples[0]).toMatchObject({ max_age: '12:00:00', age: '1 day' });
    const empty = await only(
      freshnessCheck(silverCustomer, 'updated_at', { maxAge: 86_400_000, where: sql`false` }),
    );
    expect(empty.failing).toBe(1);
  });

  it('runs custom SQL checks with placed tables and parameters', async () => {
    const big = (limit: number) =>
      sqlCheck(
        'order-amount-limit',
        sql`select o.id, o.amount from ${silverOrder} o where o.amount > ${limit}`,
      );
    expect((await only(big(10))).status).toBe('pass');
    expect(await only(big(6))).toMatchObject({
      status: 'error',
      failing: 1,
      table: 'clean_zone.order',
      samples: [{ id: 11 }],
    });
  });

  it('applies thresholds and severities: error blocks, warn is recorded', async () => {
    const nulls = (options: Parameters<typeof notNullCheck>[2]) =>
      notNullCheck(bronzeCustomer, 'name', options);
    expect((await only(nulls({ errorIf: '> 5' }))).status).toBe('warn');
    expect((await only(nulls({ errorIf: '> 5', warnIf: '> 2' }))).status).toBe('pass');
    expect((await only(nulls({ errorIf: '>= 2' }))).status).toBe('error');
    expect((await only(nulls({ severity: 'warn' }))).status).toBe('warn');
    const warned = await run([nulls({ severity: 'warn' }), uniqueCheck(silverCustomer, ['id'])]);
    expect(warned).toMatchObject({
      verdict: 'warn',
      blocking: false,
      counts: { pass: 1, warn: 1, error: 0 },
    });
  });

  it('keeps at most N sample rows and reports a check that cannot run without stopping the others', async () => {
    const sampled = await run([notNullCheck(bronzeCustomer, 'name')], 1);
    expect(sampled.results[0]).toMatchObject({
      failing: 2,
      samples: [expect.objectContaining({ name: null })],
    });
    expect(sampled.results[0]?.samples).toHaveLength(1);
    const broken = await runChecks(
      db(),
      [notNullCheck(silverCustomer, 'name'), uniqueCheck(silverCustomer, ['id'])],
      {
        place: (ref) => ({ schema: ref.layer === 'silver' ? 'no_such_schema' : 'x', name: ref.name }),
      },
    );
    expect(broken.results.map((r) => r.status)).toEqual(['error', 'error']);
    expect(broken.results[0]?.error?.message).toMatch(/no_such_schema/);
    expect(broken.results[0]?.error?.code).toBe('42P01');
  });
}
