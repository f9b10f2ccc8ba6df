import { getTableColumns } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { reference, temporal, transactional } from '../../src/contract/audit-mixins.js';
import { fromDrizzle } from '../../src/contract/from-drizzle.js';
import { tstzrange } from '../../src/contract/tstzrange.js';

const systime = {
  name: 'systime',
  type: { kind: 'tstzrange', raw: 'tstzrange' },
  nullable: false,
  default: "tstzrange(now(), 'infinity')",
};

describe('audit mixins', () => {
  it('transactional() adds created_at, updated_at and systime', () => {
    const customer = pgTable('customer', { id: integer().primaryKey(), ...transactional() });
    expect(fromDrizzle(customer).columns.slice(1)).toEqual([
      {
        name: 'created_at',
        type: { kind: 'timestamptz', raw: 'timestamp with time zone' },
        nullable: false,
        default: 'now()',
      },
      {
        name: 'updated_at',
        type: { kind: 'timestamptz', raw: 'timestamp with time zone' },
        nullable: false,
        default: 'now()',
      },
      systime,
    ]);
  });

  it('reference() adds a nullable inactivated_date and systime', () => {
    const country = pgTable('country', { code: text().primaryKey(), ...reference() });
    expect(fromDrizzle(country).columns.slice(1)).toEqual([
      { name: 'inactivated_date', type: { kind: 'date', raw: 'date' }, nullable: true },
      systime,
    ]);
  });

  it('temporal() adds effective_time (not null, no default) and systime', () => {
    const price = pgTable('price', { product_id: integer().notNull(), ...temporal() });
    expect(fromDrizzle(price).columns.slice(1)).toEqual([
      {
        name: 'effective_time',
        type: { kind: 'timestamptz', raw: 'timestamp with time zone' },
        nullable: false,
      },
      systime,
    ]);
  });

  it('gives each table its own columns when one mixin is spread into several tables', () => {
    const audit = transactional();
    const a = pgTable('a', { id: integer().primaryKey(), ...transactional() });
    const b = pgTable('b', { id: integer().primaryKey(), ...transactional() });
    expect(getTableColumns(a).systime.table).toBe(a);
    expect(getTableColumns(b).systime.table).toBe(b);
    expect(getTableColumns(a).created_at).not.toBe(getTableColumns(b).created_at);
    expect(transactional().systime).not.toBe(audit.systime);
    expect(fromDrizzle(a).columns.slice(1)).toEqual(fromDrizzle(b).columns.slice(1));
  });

  it('types the mixin columns in the inferred row types', () => {
    const t = pgTable('t', { id: integer().primaryKey(), ...transactional(), ...reference() });
    expectTypeOf<typeof t.$inferSelect>().toEqualTypeOf<{
      id: number;
      created_at: Date;
      updated_at: Date;
      systime: string;
      inactivated_date: string | null;
    }>();
    expectTypeOf<typeof t.$inferInsert>().toEqualTypeOf<{
      id: number;
      created_at?: Date;
      updated_at?: Date;
      systime?: string;
      inactivated_date?: string | null;
    }>();
  });

  it('tstzrange() is a column whose SQL type is tstzrange', () => {
    const t = pgTable('r', { during: tstzrange() });
    expect(fromDrizzle(t).columns[0]).toEqual({
      name: 'during',
      type: { kind: 'tstzrange', raw: 'tstzrange' },
      nullable: true,
    });
  });
});
