import { boolean, customType, integer, pgTable, primaryKey, varchar } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { factory } from '../../src/factory/factory.js';
import { sequence } from '../../src/factory/sequence.js';
import { catchError } from './catch-error.js';
import { customer, order, orderLine, product, tinyKey } from './tables.js';

const distinct = (values: readonly unknown[]) =>
  new Set(values.map((v) => (typeof v === 'bigint' ? `${v}n` : JSON.stringify(v)))).size;

describe('factory keys', () => {
  it('numbers integer primary keys from 1 and keeps unique columns unique at 10k rows', () => {
    const rows = factory(customer).build(10_000, { seed: 1 });
    expect(rows.map((r) => r.customerId)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    expect(distinct(rows.map((r) => r.email))).toBe(10_000);
    for (const row of rows) expect(row.email.length).toBeLessThanOrEqual(60);
  });

  it('keeps uuid, varchar and composite primary keys unique at 10k rows', () => {
    const orders = factory(order).build(10_000, { seed: 2 });
    expect(distinct(orders.map((r) => r.orderId))).toBe(10_000);
    const products = factory(product).build(10_000, { seed: 2 });
    expect(distinct(products.map((r) => r.sku))).toBe(10_000);
    for (const p of products) expect(p.sku.length).toBeLessThanOrEqual(12);
    const lines = factory(orderLine).build(10_000, { seed: 2, refs: { order: orders.slice(0, 100) } });
    expect(distinct(lines.map((l) => [l.orderId, l.lineNo]))).toBe(10_000);
  });

  it('makes colliding unique strings unique within their length, and gives up on an impossible key', () => {
    const place = pgTable('place', {
      id: integer().primaryKey(),
      city: varchar({ length: 12 }).notNull().unique(),
    });
    const rows = factory(place).build(3000, { seed: 3 });
    expect(distinct(rows.map((r) => r.city))).toBe(3000);
    expect(rows.every((r) => r.city.length <= 12)).toBe(true);
    expect(rows.filter((r) => /-\d+$/.test(r.city)).length).toBeGreaterThan(100);
    const pair = pgTable('pair', { a: boolean().notNull(), b: boolean().notNull() }, (t) => [
      primaryKey({ columns: [t.a, t.b] }),
    ]);
    expect(factory(pair).build(4, { seed: 1 })).toHaveLength(4);
    expect(catchError(() => factory(pair).build(5, { seed: 1 })).message).toMatch(
      /unique values for "a", "b" of "pair" at row 5/,
    );
  });

  it('refuses to invent values for a custom type it does not know unless overridden', () => {
    const hstore = customType<{ data: string }>({ dataType: () => 'hstore' });
    const file = pgTable('file', { id: integer().primaryKey(), tags: hstore().notNull() });
    const error = catchError(() => factory(file).build(1));
    expect(error).toMatchObject({ code: 'UNSUPPORTED', context: { table: 'file', column: 'tags' } });
    expect(
      factory(file)
        .build(2, { overrides: { tags: 'a=>1' } })
        .map((r) => r.tags),
    ).toEqual(['a=>1', 'a=>1']);
  });

  it('makes Buffers for a custom bytea column, as its contract wants', () => {
    const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
    const file = pgTable('file', { id: integer().primaryKey(), content: bytea().notNull() });
    expect(
      factory(file)
        .build(3)
        .every((r) => Buffer.isBuffer(r.content) && r.content.length === 16),
    ).toBe(true);
  });

  it('starts keys and sequences at offset', () => {
    const rows = factory(customer).build(3, {
      seed: 1,
      offset: 10,
      overrides: { email: sequence((n) => `c${n}@example.com`) },
    });
    expect(rows.map((r) => [r.customerId, r.email])).toEqual([
      [11, 'c11@example.com'],
      [12, 'c12@example.com'],
      [13, 'c13@example.com'],
    ]);
  });

  it('refuses more rows than a smallint key holds, naming the column', () => {
    expect(factory(tinyKey).build(32_767).at(-1)?.id).toBe(32_767);
    const error = catchError(() => factory(tinyKey).build(32_768));
    expect(error).toBeInstanceOf(DatakitError);
    expect(error).toMatchObject({ code: 'USAGE', context: { table: 'tiny_key', column: 'id' } });
  });

  it('refuses an override that repeats a unique value', () => {
    const error = catchError(() => factory(customer).build(3, { overrides: { email: 'same@example.com' } }));
    expect(error).toMatchObject({ code: 'USAGE', context: { table: 'customer', column: 'email', row: 2 } });
    expect(error.hint).toMatch(/sequence/);
  });
});
