import { boolean, integer, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { describe, expectTypeOf, test } from 'vitest';
import {
  defineTransform,
  type Transform,
  type TransformContext,
  type TransformOutput,
} from '../../src/contract/define-transform.js';
import { lineageColumns } from '../../src/contract/lineage-columns.js';

const customer = pgTable('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  email: varchar({ length: 200 }),
  signed_up_at: timestamp({ withTimezone: true }).notNull(),
  vip: boolean().notNull().default(false),
});

const bronzeCustomer = pgTable('bronze_customer', {
  id: integer().primaryKey(),
  name: text().notNull(),
  email: text(),
  signed_up_at: timestamp({ withTimezone: true }).notNull(),
  tier: text().notNull().default('standard'),
  ...lineageColumns(),
});

describe('defineTransform types', () => {
  test('a correct transform compiles and gets typed rows and context', () => {
    const t = defineTransform(customer, bronzeCustomer, (row, ctx) => {
      expectTypeOf(row.customer_id).toEqualTypeOf<number>();
      expectTypeOf(row.email).toEqualTypeOf<string | null>();
      expectTypeOf(row.signed_up_at).toEqualTypeOf<Date>();
      expectTypeOf(ctx).toEqualTypeOf<TransformContext>();
      return {
        id: row.customer_id,
        name: row.full_name.toUpperCase(),
        email: row.email,
        signed_up_at: row.signed_up_at,
      };
    });
    expectTypeOf(t).toEqualTypeOf<Transform<typeof customer, typeof bronzeCustomer>>();
  });

  test('columns with defaults are optional, null drops the row', () => {
    defineTransform(customer, bronzeCustomer, (row) =>
      row.vip
        ? null
        : { id: row.customer_id, name: row.full_name, signed_up_at: row.signed_up_at, tier: 'basic' },
    );
  });

  test('the lineage columns are not part of the output', () => {
    expectTypeOf<TransformOutput<typeof bronzeCustomer>>().not.toHaveProperty('_load_id');
    defineTransform(customer, bronzeCustomer, (row) => ({
      id: row.customer_id,
      name: row.full_name,
      signed_up_at: row.signed_up_at,
      // @ts-expect-error the engine fills lineage columns
      _load_id: 'x',
    }));
  });

  test('reading a column the source does not have does not compile', () => {
    defineTransform(customer, bronzeCustomer, (row) => ({
      id: row.customer_id,
      // @ts-expect-error customer has no column "name"
      name: row.name,
      signed_up_at: row.signed_up_at,
    }));
  });

  test('forgetting a required target column does not compile', () => {
    // @ts-expect-error name is NOT NULL without a default
    defineTransform(customer, bronzeCustomer, (row) => ({
      id: row.customer_id,
      signed_up_at: row.signed_up_at,
    }));
  });

  test('an unknown extra column does not compile', () => {
    defineTransform(customer, bronzeCustomer, (row) => ({
      id: row.customer_id,
      name: row.full_name,
      signed_up_at: row.signed_up_at,
      // @ts-expect-error bronze_customer has no column "nickname"
      nickname: 'x',
    }));
  });

  test('a value of the wrong type does not compile', () => {
    defineTransform(customer, bronzeCustomer, (row) => ({
      // @ts-expect-error id is an integer column
      id: String(row.customer_id),
      name: row.full_name,
      signed_up_at: row.signed_up_at,
    }));
  });

  test('a nullable source value into a NOT NULL column does not compile', () => {
    defineTransform(customer, bronzeCustomer, (row) => ({
      id: row.customer_id,
      // @ts-expect-error email may be null, name may not
      name: row.email,
      signed_up_at: row.signed_up_at,
    }));
  });
});
