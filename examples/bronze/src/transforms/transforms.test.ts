import { customer } from '@datakit-examples/system-a';
import { orderLine, orders } from '@datakit-examples/system-d';
import { compileValidator } from 'datakit-warehouse';
import { factory } from 'datakit-warehouse/testing';
import { describe, expect, it } from 'vitest';
import { customer as bronzeCustomer } from '../customer.js';
import { order as bronzeOrder } from '../order.js';
import { customerFromSystemA } from './customer-from-system-a.js';
import { orderFromSystemD } from './order-from-system-d.js';
import { orderLineFromSystemD } from './order-line-from-system-d.js';

// Unit tests of the demo transforms: rows come from factories, no database is involved.
describe('demo transforms (factories only)', () => {
  it('customer: upper-cases names, lower-cases emails, and every output fits the bronze contract', () => {
    const rows = factory(customer).build(500, { seed: 7 });
    const validate = compileValidator(bronzeCustomer, { mode: 'insert' });
    for (const row of rows) {
      const out = customerFromSystemA.apply({ ...row, email: row.email.toUpperCase() });
      expect(out).not.toBeNull();
      expect(out?.name).toBe(row.full_name.trim().toUpperCase());
      expect(out?.email).toBe(row.email.toLowerCase());
      expect(validate.explainAll(out)).toEqual([]);
    }
  });

  it('customer: rejects a row whose email is not an address, with the reason', () => {
    const row = factory(customer).one({ seed: 1, overrides: { email: 'not-an-email' } });
    expect(() => customerFromSystemA.apply(row)).toThrow('email "not-an-email" is not an email address');
  });

  it('order: drops cancelled orders and rejects negative totals', () => {
    const rows = factory(orders).build(200, { seed: 3 });
    const validate = compileValidator(bronzeOrder, { mode: 'insert' });
    for (const row of rows) {
      const out = orderFromSystemD.apply(row);
      if (row.status === 'cancelled') expect(out).toBeNull();
      else expect(validate.explainAll(out)).toEqual([]);
    }
    const negative = factory(orders).one({ seed: 3, overrides: { status: 'paid', total: '-5.00' } });
    expect(() => orderFromSystemD.apply(negative)).toThrow('total -5.00 is negative');
  });

  it('order line: computes the line amount exactly in cents', () => {
    const row = factory(orderLine).one({ seed: 2, overrides: { quantity: 3, unit_price: '19.99' } });
    expect(orderLineFromSystemD.apply(row)?.line_amount).toBe('59.97');
    for (const line of factory(orderLine).build(300, { seed: 5 })) {
      const out = orderLineFromSystemD.apply(line);
      const expected = (Math.round(Number(line.unit_price) * 100) * line.quantity) / 100;
      expect(Number(out?.line_amount)).toBeCloseTo(expected, 2);
    }
  });
});
