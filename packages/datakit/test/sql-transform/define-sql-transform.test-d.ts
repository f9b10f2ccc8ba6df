import { eq, type SQL, sql } from 'drizzle-orm';
import { boolean, integer, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { describe, expectTypeOf, test } from 'vitest';
import type { CheckedSelect, TargetRow } from '../../src/sql-transform/checked-select.js';
import { coalesce } from '../../src/sql-transform/coalesce.js';
import { defineSqlTransform, type SqlTransform } from '../../src/sql-transform/define-sql-transform.js';
import type { ExpressionValue } from '../../src/sql-transform/expression-value.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { innerJoin, leftJoin } from '../../src/sql-transform/join.js';
import { standardize } from '../../src/sql-transform/standardize.js';
import { trim } from '../../src/sql-transform/text-expressions.js';

const source = pgTable('source', {
  id: integer().primaryKey(),
  name: text(),
  email: text().notNull(),
  score: numeric({ precision: 10, scale: 2 }).notNull(),
  at: timestamp({ withTimezone: true }).notNull(),
});
const extra = pgTable('extra', { id: integer().primaryKey(), label: text().notNull() });
const target = pgTable('target', {
  id: integer().primaryKey(),
  name: text().notNull(),
  email: text(),
  score: numeric({ precision: 10, scale: 2 }).notNull(),
  at: timestamp({ withTimezone: true }).notNull(),
  vip: boolean().notNull().default(false),
});

const from = inLayer(source, 'bronze');
const into = inLayer(target, 'silver');

describe('defineSqlTransform select map types', () => {
  test('a correct map compiles: columns, typed sql, helpers, plain values, defaults left out', () => {
    const t = defineSqlTransform(into, {
      from,
      select: {
        id: source.id,
        name: coalesce(trim(source.name), 'unknown'),
        email: source.email,
        score: sql<string>`${source.score} * 2`,
        at: source.at,
        vip: true,
      },
      disposition: 'merge',
    });
    expectTypeOf(t).toEqualTypeOf<SqlTransform<typeof target>>();
  });

  test('1. a column the target does not have is a compile error', () => {
    defineSqlTransform(into, {
      from,
      select: {
        id: source.id,
        name: source.email,
        score: source.score,
        at: source.at,
        // @ts-expect-error the target has no column "nickname"
        nickname: source.name,
      },
      disposition: 'append',
    });
  });

  test('2. a missing required column is a compile error', () => {
    defineSqlTransform(into, {
      from,
      // @ts-expect-error required column "score" is missing from the select map
      select: { id: source.id, name: source.email, at: source.at },
      disposition: 'append',
    });
  });

  test('3. an expression of the wrong type is a compile error', () => {
    defineSqlTransform(into, {
      from,
      select: {
        id: source.id,
        name: source.email,
        // @ts-expect-error score is numeric (a string in TypeScript), the expression a number
        score: sql<number>`1`,
        at: source.at,
      },
      disposition: 'append',
    });
    defineSqlTransform(into, {
      from,
      select: {
        id: source.id,
        name: source.email,
        score: source.score,
        // @ts-expect-error a timestamp column takes a Date, not text
        at: source.email,
      },
      disposition: 'append',
    });
    defineSqlTransform(into, {
      from,
      select: {
        id: source.id,
        name: source.email,
        // @ts-expect-error an untyped sql`` is unknown: it fits no column
        score: sql`1`,
        at: source.at,
      },
      disposition: 'append',
    });
  });

  test('4. a nullable expression into a NOT NULL column is a compile error', () => {
    defineSqlTransform(into, {
      from,
      select: {
        id: source.id,
        // @ts-expect-error source.name may be null, target.name may not
        name: source.name,
        score: source.score,
        at: source.at,
      },
      disposition: 'append',
    });
    defineSqlTransform(into, {
      from,
      select: {
        id: source.id,
        // @ts-expect-error trim keeps the nullability of its input
        name: trim(source.name),
        score: source.score,
        at: source.at,
      },
      disposition: 'append',
    });
    defineSqlTransform(into, {
      from,
      select: {
        id: source.id,
        // @ts-expect-error sql<string | null> is nullable
        name: sql<string | null>`${source.name}`,
        score: source.score,
        at: source.at,
      },
      disposition: 'append',
    });
  });

  test('a NOT NULL column of a left-joined table is nullable; of an inner-joined table it is not', () => {
    defineSqlTransform(into, {
      from,
      joins: [innerJoin(extra, eq(extra.id, source.id))],
      select: { id: source.id, name: extra.label, score: source.score, at: source.at },
      disposition: 'append',
    });
    defineSqlTransform(into, {
      from,
      joins: [leftJoin(extra, eq(extra.id, source.id))],
      // @ts-expect-error extra is left-joined: extra.label may be null
      select: { id: source.id, name: extra.label, score: source.score, at: source.at },
      disposition: 'append',
    });
  });

  test('the business key names target columns', () => {
    defineSqlTransform(into, {
      from,
      select: { id: source.id, name: source.email, score: source.score, at: source.at },
      // @ts-expect-error "ident" is not a column of the target
      key: ['ident'],
      disposition: 'merge',
    });
  });

  test('expression values and CheckedSelect on their own', () => {
    expectTypeOf<ExpressionValue<typeof source.name>>().toEqualTypeOf<string | null>();
    expectTypeOf<ExpressionValue<typeof source.email>>().toEqualTypeOf<string>();
    expectTypeOf<ExpressionValue<SQL<number>>>().toEqualTypeOf<number>();
    expectTypeOf<ExpressionValue<typeof extra.label, 'extra'>>().toEqualTypeOf<string | null>();
    const status = standardize(source.email, { a: 'active', p: 'paused' } as const, null);
    expectTypeOf(status).toEqualTypeOf<SQL<'active' | 'paused' | null>>();
    type Row = TargetRow<typeof target>;
    expectTypeOf<CheckedSelect<Row, { id: typeof source.id }>>().toHaveProperty('name');
  });
});
