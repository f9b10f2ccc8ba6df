import { type AnyPgColumn, integer, pgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { buildGraph } from '../../src/factory/build-graph.js';
import { factory } from '../../src/factory/factory.js';
import { catchError } from './catch-error.js';
import { customer, employee, order, orderLine, product, profile, supplier } from './tables.js';

const shop = defineDatakit({
  name: 'shop',
  version: '1.0.0',
  tables: { customer, order, orderLine, profile },
});

describe('factory foreign keys', () => {
  it('points every foreign key at a row given in refs', () => {
    const customers = factory(customer).build(20, { seed: 1 });
    const ids = new Set(customers.map((c) => c.customerId));
    const orders = factory(order).build(500, { seed: 1, refs: { customer: customers } });
    for (const o of orders) expect(ids.has(o.customerId)).toBe(true);
    expect(new Set(orders.map((o) => o.customerId)).size).toBeGreaterThan(15);
  });

  it('builds related tables of a datakit in dependency order', () => {
    const graph = buildGraph(shop, { orderLine: 300, order: 50, customer: 20, profile: 20 }, { seed: 4 });
    expect(Object.keys(graph).sort()).toEqual(['customer', 'order', 'orderLine', 'profile']);
    const customerIds = new Set(graph.customer.map((c) => c.customerId));
    const orderIds = new Set(graph.order.map((o) => o.orderId));
    expect(graph.order.every((o) => customerIds.has(o.customerId))).toBe(true);
    expect(graph.orderLine.every((l) => orderIds.has(l.orderId))).toBe(true);
    expect(graph.profile.every((p) => customerIds.has(p.customerId))).toBe(true);
    expect(new Set(graph.profile.map((p) => p.customerId)).size).toBe(20);
  });

  it('works across MySQL tables too', () => {
    const { supplier: suppliers, product: products } = buildGraph(
      { supplier, product },
      { supplier: 5, product: 100 },
      { seed: 2 },
    );
    const ids = new Set(suppliers.map((s) => s.supplierId));
    expect(products.every((p) => ids.has(p.supplierId))).toBe(true);
  });

  it('without refs, points at rows built for the referenced table with the same seed', () => {
    const orders = factory(order).build(100, { seed: 6, refCount: 7 });
    const parents = factory(customer).build(7, { seed: 6 });
    const ids = new Set(parents.map((c) => c.customerId));
    expect(orders.every((o) => ids.has(o.customerId))).toBe(true);
    const lines = factory(orderLine).build(50, { seed: 6 });
    const implicitOrders = new Set(
      factory(order)
        .build(10, { seed: 6 })
        .map((o) => o.orderId),
    );
    expect(lines.every((l) => implicitOrders.has(l.orderId))).toBe(true);
  });

  it('points a self-reference at an earlier row, or null', () => {
    const rows = factory(employee).build(200, { seed: 3 });
    expect(rows[0]?.managerId).toBeNull();
    rows.forEach((row, i) => {
      if (row.managerId !== null) expect(row.managerId).toBeLessThan(row.employeeId);
      if (i > 0)
        expect(row.managerId === null || rows.some((r) => r.employeeId === row.managerId)).toBe(true);
    });
    expect(rows.filter((r) => r.managerId === null).length).toBeGreaterThan(5);
  });

  it('refuses a one-to-one foreign key without enough referenced rows', () => {
    const customers = factory(customer).build(3, { seed: 1 });
    expect(() => factory(profile).build(4, { refs: { customer: customers } })).toThrow(/one-to-one/);
    expect(
      new Set(
        factory(profile)
          .build(3, { refs: { customer: customers } })
          .map((p) => p.customerId),
      ).size,
    ).toBe(3);
  });

  it('refuses refs for a table the foreign keys do not reference, naming the nearest', () => {
    const customers = factory(customer).build(3);
    const error = catchError(() => factory(order).build(2, { refs: { customers } }));
    expect(error).toMatchObject({ code: 'USAGE', context: { table: 'order' } });
    expect(error.hint).toContain('Did you mean "customer"');
  });

  it('refuses refs rows that lack the referenced key, and cycles of required keys', () => {
    const inserts = factory(customer).buildInsert(3);
    expect(() => factory(order).build(2, { refs: { customer: inserts } })).toThrow(/no "customerId"/);
    const a = pgTable('a', {
      id: integer().primaryKey(),
      bId: integer('b_id')
        .notNull()
        .references((): AnyPgColumn => b.id),
    });
    const b = pgTable('b', {
      id: integer().primaryKey(),
      aId: integer('a_id')
        .notNull()
        .references((): AnyPgColumn => a.id),
    });
    expect(() => factory(a).build(2)).toThrow(/reference each other/);
    expect(() => buildGraph({ a, b }, { a: 1, b: 1 })).toThrow(/cycle/);
    expect(() => factory(b).build(2, { refs: { a: [{ id: 1 }] } })).not.toThrow();
    expect(catchError(() => buildGraph(shop, { customers: 2 } as never)).hint).toMatch(
      /Did you mean "customer"/,
    );
  });
});
