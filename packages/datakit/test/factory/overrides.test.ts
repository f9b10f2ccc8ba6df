import { describe, expect, it } from 'vitest';
import { factory } from '../../src/factory/factory.js';
import { sequence } from '../../src/factory/sequence.js';
import { catchError } from './catch-error.js';
import { customer, order, product } from './tables.js';

describe('factory overrides', () => {
  it('takes a value, a function of (index, faker, row) and a sequence', () => {
    const rows = factory(customer).build(5, {
      seed: 1,
      overrides: {
        country: 'NL',
        notes: (i, faker, row) => `${i}:${row.firstName}:${faker.number.int({ min: 1, max: 9 })}`,
        email: sequence((n) => `user${n}@example.com`, { start: 100 }),
      },
    });
    expect(rows.map((r) => r.country)).toEqual(['NL', 'NL', 'NL', 'NL', 'NL']);
    expect(rows.map((r) => r.email)).toEqual([
      'user100@example.com',
      'user101@example.com',
      'user102@example.com',
      'user103@example.com',
      'user104@example.com',
    ]);
    for (const [i, r] of rows.entries()) expect(r.notes).toMatch(new RegExp(`^${i}:${r.firstName}:[1-9]$`));
  });

  it('lets overrides set a nullable column to null and a foreign key to a chosen row', () => {
    const rows = factory(order).build(20, { seed: 2, overrides: { shippedAt: null, customerId: 7 } });
    expect(rows.every((r) => r.shippedAt === null && r.customerId === 7)).toBe(true);
  });

  it('merges factory-level defaults from with(), and a build override wins', () => {
    const vip = factory(customer).with({ segment: 'vip', country: 'DE' });
    expect(vip.build(10).every((r) => r.segment === 'vip' && r.country === 'DE')).toBe(true);
    expect(vip.build(3, { overrides: { country: 'FR' } }).map((r) => [r.segment, r.country])).toEqual([
      ['vip', 'FR'],
      ['vip', 'FR'],
      ['vip', 'FR'],
    ]);
    expect(vip.one({ seed: 4 })).toEqual(vip.build(1, { seed: 4 })[0]);
  });

  it('buildInsert leaves out columns the database fills, unless overridden', () => {
    const [row] = factory(customer).buildInsert(1);
    expect(row).not.toHaveProperty('customerId');
    expect(row).not.toHaveProperty('createdAt');
    expect(row).not.toHaveProperty('isActive');
    expect(row).toHaveProperty('email');
    const [kept] = factory(customer).buildInsert(1, { overrides: { isActive: false } });
    expect(kept?.isActive).toBe(false);
    const [auto] = factory(product).buildInsert(1);
    expect(auto).toHaveProperty('sku');
  });

  it('refuses an override for a column the table does not have, naming the nearest column', () => {
    // @ts-expect-error emial is not a column of customer
    const error = catchError(() => factory(customer).build(1, { overrides: { emial: 'x@example.com' } }));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('"customer"');
    expect(error.message).toContain('"emial"');
    expect(error.hint).toContain('Did you mean "email"?');
    expect(error.context).toEqual({ table: 'customer', column: 'emial' });
    // @ts-expect-error SQL names are not row keys
    expect(catchError(() => factory(customer).build(1, { overrides: { first_name: 'Ann' } })).hint).toContain(
      '"firstName"',
    );
  });

  it('refuses bad counts and options with USAGE errors', () => {
    expect(catchError(() => factory(customer).build(-1)).code).toBe('USAGE');
    expect(catchError(() => factory(customer).build(1.5)).code).toBe('USAGE');
    expect(catchError(() => factory(customer).build(1, { nullRate: 2 })).message).toMatch(/nullRate/);
    expect(catchError(() => factory(customer).build(1, { now: 'not a date' })).message).toMatch(/now/);
    expect(catchError(() => factory(customer).build(1, { seed: 0.5 })).message).toMatch(/seed/);
  });
});
