import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/factory/build-graph.js';
import { factory } from '../../src/factory/factory.js';
import { customer, order, product } from './tables.js';

describe('factory determinism', () => {
  it('gives the same rows for the same seed and different rows for another seed', () => {
    const a = factory(customer).build(200, { seed: 42 });
    const b = factory(customer).build(200, { seed: 42 });
    const c = factory(customer).build(200, { seed: 43 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    const emails = (rows: typeof a) => rows.map((r) => r.email);
    expect(emails(c).filter((e, i) => e === emails(a)[i]).length).toBeLessThan(5);
  });

  it('is the same for MySQL tables and for graphs', () => {
    expect(factory(product).build(50, { seed: 3 })).toEqual(factory(product).build(50, { seed: 3 }));
    expect(buildGraph({ customer, order }, { customer: 10, order: 30 }, { seed: 9 })).toEqual(
      buildGraph({ customer, order }, { customer: 10, order: 30 }, { seed: 9 }),
    );
  });

  it('keeps known values, so a faker upgrade that changes output is noticed', () => {
    const [first] = factory(customer).build(1, { seed: 1 });
    const [item] = factory(product).build(1, { seed: 1 });
    expect({ first, item }).toMatchInlineSnapshot(`
      {
        "first": {
          "birthDate": "1985-03-25",
          "city": "Johnstonstead",
          "country": "AM",
          "createdAt": 2024-01-31T16:19:30.130Z,
          "creditLimit": "1897.58",
          "customerId": 1,
          "email": "cassandra_bailey78@gmail.com",
          "firstName": "Cassandra",
          "isActive": true,
          "lastName": "Bailey",
          "notes": "Explicabo vociferor thema odit caries ipsam coma caelestis. Argentum aro careo deinde adeo voro caecus. Molestias cultellus statim libero deduco utilis terminatio cattus.",
          "phone": "(203) 563-4994",
          "segment": "retail",
          "updatedAt": 2024-08-08T04:11:08.040Z,
        },
        "item": {
          "addedAt": 2024-08-18T09:19:07.000Z,
          "addedOn": "2024-05-01 20:44:46",
          "description": "Voveo vicinus vaco. Balbus vociferor sophismata sequi. Vere ipsam beneficium tero.",
          "kind": "digital",
          "name": "Recycled Rubber Chicken",
          "price": "601.91",
          "score": null,
          "sku": "PRO-000001",
          "stock": 14,
          "supplierId": 9,
        },
      }
    `);
  });

  it('makes a shorter build a prefix of a longer one', () => {
    const long = factory(order).build(40, { seed: 5 });
    expect(factory(order).build(10, { seed: 5 })).toEqual(long.slice(0, 10));
  });

  it('does not shift other columns when one column is overridden', () => {
    const plain = factory(customer).build(30, { seed: 8 });
    const overridden = factory(customer).build(30, {
      seed: 8,
      overrides: { city: 'Utrecht', notes: (i, faker) => faker.lorem.word() + i },
    });
    expect(overridden.map(({ city: _c, notes: _n, ...rest }) => rest)).toEqual(
      plain.map(({ city: _c, notes: _n, ...rest }) => rest),
    );
  });

  it('does not depend on the clock: dates fall before the fixed default now, or a given one', () => {
    const rows = factory(customer).build(500, { seed: 2 });
    for (const row of rows) expect(row.createdAt.getTime()).toBeLessThan(Date.UTC(2025, 0, 1));
    const later = factory(customer).build(500, { seed: 2, now: '2030-06-01T00:00:00Z' });
    for (const row of later) {
      expect(row.createdAt.getTime()).toBeLessThan(Date.UTC(2030, 5, 1));
      expect(row.createdAt.getTime()).toBeGreaterThan(Date.UTC(2027, 5, 1));
    }
  });
});
