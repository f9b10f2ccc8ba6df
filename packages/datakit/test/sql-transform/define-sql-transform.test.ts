import { sql } from 'drizzle-orm';
import { alias, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../../src/dialect/postgres/postgres-dialect.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { castTo } from '../../src/sql-transform/cast-to.js';
import { defineSqlTransform } from '../../src/sql-transform/define-sql-transform.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { placeTable } from '../../src/sql-transform/resolve-table.js';
import { customer, order, place, rawCustomer, rawOrder } from './fixtures.js';
import { revenueTransform, silverCustomer, silverOrder } from './transforms.js';

const ctx = {
  dialect: postgresDialect,
  place,
  at: new Date('2024-01-01T00:00:00Z'),
  loadId: '00000000-0000-4000-8000-000000000000',
  rejects: { schema: 'datakit', name: 'rejects' },
};

describe('SQL transform definitions (no database)', () => {
  it('gives column lineage from the select map, without parsing SQL', () => {
    const t = silverCustomer();
    expect(t.lineage.target).toEqual({ table: 'customer', layer: 'silver' });
    const byColumn = Object.fromEntries(
      t.lineage.columns.map((c) => [c.column, c.sources.map((s) => `${s.layer}.${s.table}.${s.column}`)]),
    );
    expect(byColumn).toMatchObject({
      id: ['bronze.customer.id'],
      name: ['bronze.customer.name'],
      email: ['bronze.customer.email'],
      status: ['bronze.customer.status'],
      country: ['bronze.customer.country'],
      _source_system: ['bronze.customer._source_system'],
      _load_id: [],
    });
    expect(t.lineage.filters.map((f) => f.column).sort()).toEqual(['id', 'updated_at']);
    const revenue = Object.fromEntries(
      revenueTransform.lineage.columns.map((c) => [c.column, c.sources.map((s) => `${s.table}.${s.column}`)]),
    );
    expect(revenue).toEqual({
      country: ['customer.country'],
      month: ['order.ordered_at'],
      orders: [],
      revenue: ['order.amount'],
    });
    expect(revenueTransform.reads.length).toBe(2);
  });

  it("reads a constrained transform's foreign-key parents in the target's layer (pipeline edges)", () => {
    const reads = (t: { reads: readonly unknown[] }) =>
      t.reads.map((r) => {
        const { table, layer } = r as { table: unknown; layer: string };
        return `${layer}.${table === customer ? 'customer' : table === rawOrder ? 'order' : '?'}`;
      });
    expect(reads(silverOrder)).toEqual(['bronze.order', 'silver.customer']);
    const unconstrained = defineSqlTransform(inLayer(order, 'silver'), {
      from: inLayer(rawOrder, 'bronze'),
      select: {
        id: rawOrder.id,
        customer_id: sql<number>`1`,
        amount: sql<string>`0`,
        ordered_at: rawOrder.ordered_at,
      },
      disposition: 'append',
    });
    expect(reads(unconstrained)).toEqual(['bronze.order']);
  });

  it('compiles merge to PostgreSQL 15 MERGE with column-by-column IS DISTINCT FROM, and nothing newer', () => {
    const t = defineSqlTransform(inLayer(customer, 'silver'), {
      from: inLayer(customer, 'bronze'),
      select: {
        id: customer.id,
        name: customer.name,
        email: customer.email,
        status: customer.status,
        updated_at: customer.updated_at,
      },
      disposition: 'merge',
    });
    const [merge, ...rest] = t.compile(ctx).statements;
    expect(rest).toEqual([]);
    expect(merge?.step).toBe('merge');
    expect(merge?.sql).toMatch(/^merge into "clean_zone"\."customer" as "t" using \(select /);
    expect(merge?.sql).toContain('from "raw_zone"."customer" as "customer"');
    expect(merge?.sql).toContain(
      '"t"."name" is distinct from "s"."name" or "t"."email" is distinct from "s"."email"',
    );
    expect(merge?.sql).not.toMatch(/not matched by source|returning/i);
  });

  it('puts every value in a parameter and quotes every identifier', () => {
    const odd = pgTable('we"ird table', { 'a"b': integer().primaryKey(), note: text() });
    const t = defineSqlTransform(inLayer(odd, 'silver'), {
      from: inLayer(rawCustomer, 'bronze'),
      select: { 'a"b': rawCustomer.id, note: sql<string>`${"it's"} || ${rawCustomer.name}` },
      where: sql`${rawCustomer.email} <> ${"x'; drop table y; --"}`,
      disposition: 'append',
    });
    const [insert] = t.compile(ctx).statements;
    expect(insert?.sql).toContain('insert into "clean_zone"."we""ird table" ("a""b", "note")');
    expect(insert?.sql).not.toContain("it's");
    expect(insert?.sql).not.toContain('drop table');
    expect(insert?.params).toEqual(["it's", "x'; drop table y; --"]);
  });

  it('places tables by the placement function (the warehouse plan) it is given', () => {
    const byPlan = (ref: { name: string; layer?: string }) => ({
      schema: `dev_${ref.layer}`,
      name: `${ref.name}_v2`,
    });
    const [statement] = silverOrder.compile({ ...ctx, place: byPlan }).statements;
    expect(statement?.sql).toContain('"dev_bronze"."order_v2"');
    expect(placeTable({ name: 'x', layer: 'gold' }, place)).toEqual({ schema: 'mart', name: 'x' });
    expect(placeTable({ name: 'x', layer: 'gold' })).toEqual({ schema: 'gold', name: 'x' });
    expect(placeTable({ name: 'x', schema: 'crm' })).toEqual({ schema: 'crm', name: 'x' });
  });

  it('refuses at definition and compile time what would fail at run time, naming the column', () => {
    const define =
      (select: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      () =>
        defineSqlTransform(inLayer(customer, 'silver'), {
          from: rawCustomer,
          select,
          disposition: 'merge',
          ...extra,
        } as never);
    expect(define({ id: rawCustomer.id, nickname: rawCustomer.name })).toThrow(/has no column "nickname"/);
    expect(define({ id: rawCustomer.id })).toThrow(/column "name" is NOT NULL and has no database default/);
    const other = pgTable('other', { id: integer().primaryKey(), name: text().notNull() });
    const t = defineSqlTransform(inLayer(other, 'silver'), {
      from: inLayer(rawCustomer, 'bronze'),
      select: { id: rawCustomer.id, name: sql<string>`${order.id}::text` },
      disposition: 'append',
    });
    expect(() => t.compile(ctx)).toThrow(
      /Column "order"."id" belongs to table "order", which is not in this query/,
    );
    const error = (() => {
      try {
        t.compile(ctx);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DatakitError);
    expect((error as DatakitError).hint).toMatch(/Add "order" to `from` or `joins`/);
    expect(() => castTo<number>(rawCustomer.id, 'int; drop table x')).toThrow(/is not a type name/);
    const parent = alias(customer, 'parent');
    expect(() =>
      defineSqlTransform(inLayer(other, 'silver'), {
        from: inLayer(customer, 'silver'),
        joins: [{ kind: 'inner', source: inLayer(customer, 'silver'), on: sql`true` }],
        select: { id: parent.id, name: parent.name },
        disposition: 'append',
      }).compile(ctx),
    ).toThrow(/names table "customer" twice/);
  });
});
