import { integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  compileValidator,
  type RowValidator,
  validatorCompilations,
} from '../../src/contract/compile-validator.js';
import { fromDrizzle } from '../../src/contract/from-drizzle.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { everything, everythingRow, orders } from './every-type.js';

const select = compileValidator(everything, { mode: 'select', datakit: 'kit', version: '1.2.3' });
const insert = compileValidator(everything, { mode: 'insert', datakit: 'kit', version: '1.2.3' });

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;

// [column, bad value, rule, text the message must show for the value]
const failures: [string, unknown, string, string][] = [
  ['small', null, 'not-null', 'is null'],
  ['small', 1.5, 'type:integer', 'number 1.5'],
  ['small', '7', 'type:integer', 'string "7"'],
  ['small', 40000, 'integer-range:int2', '40000'],
  ['id', 2 ** 31, 'integer-range:int4', '2147483648'],
  ['big_number', 2 ** 53, 'integer-range:safe', '9007199254740992'],
  ['big_bigint', 1, 'type:bigint', 'number 1'],
  ['big_bigint', 2n ** 63n, 'integer-range:int8', '9223372036854775808n'],
  ['price', 12.5, 'type:numeric', 'number 12.5'],
  ['price', '12,50', 'type:numeric', '"12,50"'],
  ['price', '123456789.5', 'numeric-precision:10,2', '"123456789.5"'],
  ['price', '1.234', 'numeric-precision:10,2', '"1.234"'],
  ['price_number', 10000, 'numeric-precision:6,2', '10000'],
  ['price_number', '1', 'type:number', 'string "1"'],
  ['amount', 'abc', 'type:numeric', '"abc"'],
  ['ratio', '1', 'type:number', 'string "1"'],
  ['ratio', 1e39, 'real-range', '1e+39'],
  ['active', 'true', 'type:boolean', 'string "true"'],
  ['name', 5, 'type:string', 'number 5'],
  ['name', 'a\u0000b', 'no-nul', 'NUL'],
  ['code', 'abcdef', 'max-length:5', '6 characters'],
  ['code', '😀😀😀😀😀😀', 'max-length:5', '6 characters'],
  ['letter', 'xy', 'max-length:1', '2 characters'],
  ['kind', 'c', 'enum', '"c"'],
  ['status', 'gone', 'enum', '"gone"'],
  ['status', 1, 'enum', '1'],
  ['ext_id', 'not-a-uuid', 'format:uuid', '"not-a-uuid"'],
  ['ext_id', 42, 'type:string', 'number 42'],
  ['born', '2023-02-29', 'format:date', '"2023-02-29"'],
  ['born', new Date(0), 'type:string', 'Date'],
  ['born_date', '2024-01-01', 'type:date', '"2024-01-01"'],
  ['at', '2024-01-01', 'type:timestamp', '"2024-01-01"'],
  ['at', new Date('nonsense'), 'valid-date', 'Invalid Date'],
  ['at_text', '2024-13-01 00:00:00', 'format:timestamp', '"2024-13-01 00:00:00"'],
  ['opens', '25:00', 'format:time', '"25:00"'],
  ['wait', 3600, 'type:string', 'number 3600'],
  ['doc', new Date(0), 'type:json', 'Date'],
  ['doc', { n: Number.NaN }, 'type:json', 'NaN'],
  ['doc', { n: 1n }, 'type:json', 'object'],
  ['docb', cyclic, 'type:json', 'object'],
  ['blob', 'aGk=', 'type:bytes', '"aGk="'],
  ['tags', 'a,b', 'type:array', '"a,b"'],
  ['tags', ['a', 1], 'type:string', 'element [1] must be a string'],
  ['grid', [[1], [2.5]], 'type:integer', 'element [1][0]'],
  ['grid', [[1, 2], [3]], 'array-shape', 'not rectangular'],
  ['valid', 'yesterday', 'format:tstzrange', '"yesterday"'],
];

describe('compileValidator', () => {
  it('passes a valid row with a value of every supported type, and null in every nullable column', () => {
    const row = everythingRow();
    expect(select.explainAll(row)).toEqual([]);
    expect(select.check(row)).toBe(true);
    const nullable = fromDrizzle(everything).columns.filter((c) => c.nullable);
    expect(nullable).toHaveLength(23);
    const nulls = { ...row, ...Object.fromEntries(nullable.map((c) => [c.name, null])) };
    expect(select.explainAll(nulls)).toEqual([]);
  });

  it.each(failures)(
    'rejects %s = %o with rule %s, naming the column and the value',
    (column, value, rule, shown) => {
      const row = { ...everythingRow(), [column]: value };
      expect(select.check(row)).toBe(false);
      const failure = select.explain(row, 17);
      expect(failure).toMatchObject({
        datakit: 'kit',
        version: '1.2.3',
        table: 'everything',
        column,
        rule,
        row: 17,
      });
      if (!Array.isArray(value)) expect(failure?.value).toBe(value);
      expect(failure?.message).toContain(`Row 17 of "everything" in kit@1.2.3: column "${column}"`);
      expect(failure?.message).toContain(shown);
      expect(failure?.hint.length).toBeGreaterThan(10);
      expect(select.explainAll(row, 17)).toEqual([failure]);
    },
  );

  it('reports the offending element of an array column as the value', () => {
    const failure = select.explain({ ...everythingRow(), grid: [[1], [2.5]] });
    expect(failure).toMatchObject({ column: 'grid', rule: 'type:integer', value: 2.5 });
  });

  it('accepts values at the edges of each rule', () => {
    const edges: Record<string, unknown[]> = {
      small: [32767, -32768],
      id: [2147483647, -2147483648],
      price: ['99999999.99', '-99999999.99', '0.1', '.5', '5.', '0012.30000', '+1'],
      price_number: [9999.99, -9999.994],
      code: ['abcde', '😀😀😀😀😀', ''],
      ratio: [3.4e38, Number.POSITIVE_INFINITY],
      born: ['2000-02-29', 'infinity'],
      at_text: ['2024-01-01T00:00:00Z', '2024-01-01 00:00', '2024-01-01 23:59:60.5-03:30', '-infinity'],
      valid: ['empty', '[,)', '("2024-01-01 00:00:00+00","2024-02-01 00:00:00+00"]'],
      doc: [null, 1, 'text', true, [], { a: { b: [{ c: null }] } }],
      blob: [new Uint8Array(0)],
    };
    for (const [column, values] of Object.entries(edges)) {
      for (const value of values) {
        expect(
          select.explain({ ...everythingRow(), [column]: value }),
          `${column} = ${String(value)}`,
        ).toBeUndefined();
      }
    }
  });

  it('checks deep but acyclic JSON documents, and rejects deep cycles', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 300; i++) deep = { child: deep, other: [i] };
    expect(select.check({ ...everythingRow(), doc: deep })).toBe(true);
    const loop: unknown[] = [];
    let cursor = loop;
    for (let i = 0; i < 100; i++) {
      const next: unknown[] = [];
      cursor.push(next, next);
      cursor = next;
    }
    cursor.push(loop);
    expect(select.explain({ ...everythingRow(), doc: loop })?.rule).toBe('type:json');
  });

  it('requires every column in select mode and lets insert rows leave out defaults, identity and nullable columns', () => {
    const { code: _code, ...withoutCode } = everythingRow();
    expect(select.explain(withoutCode)).toMatchObject({ column: 'code', rule: 'required', value: undefined });
    expect(select.explain(withoutCode)?.message).toContain('column "code" is missing from the row');

    const minimal = { small: 1, name: 'n', status: 'active', docb: {} };
    expect(insert.explainAll(minimal)).toEqual([]);
    const { name: _name, ...withoutName } = minimal;
    expect(insert.explain(withoutName)).toMatchObject({ column: 'name', rule: 'not-null' });
    expect(insert.explain(withoutName)?.message).toContain(
      'column "name" is missing, but it is NOT NULL and has no default',
    );
    expect(insert.explain({ ...minimal, active: null })).toMatchObject({
      column: 'active',
      rule: 'not-null',
      value: null,
    });
  });

  it('refuses a value for a stored generated column in insert mode', () => {
    const failure = insert.explain({ small: 1, name: 'n', status: 'active', docb: {}, total: 3 });
    expect(failure).toMatchObject({ column: 'total', rule: 'generated', value: 3 });
  });

  it('rejects unknown keys in insert mode (with a suggestion) and ignores them in select mode unless asked', () => {
    const row = { small: 1, name: 'n', status: 'active', docb: {}, nmae: 'typo' };
    const failure = insert.explain(row, 4);
    expect(failure).toMatchObject({ column: 'nmae', rule: 'unknown-column', value: 'typo', row: 4 });
    expect(failure?.message).toContain('"everything" has no column "nmae" (did you mean "name"?)');
    expect(select.check({ ...everythingRow(), extra: 1 })).toBe(true);
    const strict = compileValidator(everything, { mode: 'select', unknownKeys: 'reject' });
    expect(strict.explain({ ...everythingRow(), extra: 1 })).toMatchObject({
      column: 'extra',
      rule: 'unknown-column',
    });
    const lenient = compileValidator(everything, { mode: 'insert', unknownKeys: 'ignore' });
    expect(lenient.check(row)).toBe(true);
  });

  it('explains every failing column with explainAll, and rows that are not objects', () => {
    const all = insert.explainAll({ small: 'x', name: null, status: 'gone', docb: {}, bogus: 1 }, 'key-9');
    expect(all.map((f) => [f.column, f.rule])).toEqual([
      ['small', 'type:integer'],
      ['name', 'not-null'],
      ['status', 'enum'],
      ['bogus', 'unknown-column'],
    ]);
    expect(all.every((f) => f.row === 'key-9')).toBe(true);
    for (const row of [null, 'row', 42, undefined]) {
      expect(select.check(row)).toBe(false);
      expect(select.explain(row)).toMatchObject({ rule: 'type:object', table: 'everything' });
    }
  });

  it('assert throws a VALIDATION DatakitError with the place, value, rule and fix', () => {
    const valid = everythingRow();
    expect(select.assert(valid)).toBe(valid);
    let error: unknown;
    try {
      select.assert({ ...everythingRow(), code: 'toolong' }, 12);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DatakitError);
    const e = error as DatakitError;
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe(
      'Row 12 of "everything" in kit@1.2.3: column "code" has 7 characters, more than varchar(5) allows',
    );
    expect(e.hint).toContain('value.slice(0, 5)');
    expect(e.context).toEqual({
      datakit: 'kit',
      table: 'everything',
      column: 'code',
      row: 12,
      value: 'toolong',
      rule: 'max-length:5',
    });
  });

  it('reads rows by property key and names the database column', () => {
    const t = pgTable('person', { fullName: text('full_name').notNull(), age: integer('age_years') });
    const v = compileValidator(t, { mode: 'select' });
    expect(v.check({ fullName: 'A', age: null })).toBe(true);
    expect(v.explain({ fullName: 1, age: null })?.message).toBe(
      '"person": column "full_name" (key fullName) must be a string (text), got number 1',
    );
  });

  it('applies MySQL ranges, byte limits and enums, without the PostgreSQL NUL rule', () => {
    const v = compileValidator(orders, { mode: 'insert' });
    const row = { priority: 255, state: 'new', note: 'a\u0000b', total: '99999.999', customer_ref: 0 };
    expect(v.explainAll(row)).toEqual([]);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ priority: 256 }, 'priority', 'integer-range:uint1'],
      [{ priority: -1 }, 'priority', 'integer-range:uint1'],
      [{ order_id: -1 }, 'order_id', 'integer-range:uint4'],
      [{ customer_ref: -1 }, 'customer_ref', 'integer-range:uint8'],
      [{ customer_ref: 2 ** 60 }, 'customer_ref', 'integer-range:safe'],
      [{ state: 'void' }, 'state', 'enum'],
      [{ note: 'x'.repeat(11) }, 'note', 'max-length:10'],
      [{ body: 'é'.repeat(40000) }, 'body', 'max-bytes:65535'],
      [{ total: '100000' }, 'total', 'numeric-precision:8,3'],
      [{ weight: Number.POSITIVE_INFINITY }, 'weight', 'finite'],
      [{ placed: '2024-01-01' }, 'placed', 'type:timestamp'],
      [{ hash: 'abcde' }, 'hash', 'max-bytes:4'],
    ];
    for (const [change, column, rule] of cases) {
      expect(v.explain({ ...row, ...change }), JSON.stringify(change)).toMatchObject({
        column,
        rule,
        table: 'orders',
      });
    }
    expect(v.explain({ ...row, state: 'void' })?.message).toContain(
      "not one of 'new', 'paid' (enum('new','paid'))",
    );
  });

  it('compiles once per table, mode and options, and returns the cached validator after', () => {
    const t = pgTable('cached', { id: integer().primaryKey(), name: varchar({ length: 3 }) });
    const before = validatorCompilations();
    const first = compileValidator(t, { mode: 'insert' });
    expect(validatorCompilations()).toBe(before + 1);
    for (let i = 0; i < 5; i++) expect(compileValidator(t, { mode: 'insert' })).toBe(first);
    expect(compileValidator(t, { mode: 'insert', unknownKeys: 'reject' })).toBe(first);
    expect(validatorCompilations()).toBe(before + 1);
    const selectMode = compileValidator(t, { mode: 'select' });
    expect(selectMode).not.toBe(first);
    expect(compileValidator(t, { mode: 'select', datakit: 'd' })).not.toBe(selectMode);
    expect(validatorCompilations()).toBe(before + 3);
  });

  it('narrows rows to the Drizzle select and insert types', () => {
    const t = pgTable('typed', { id: integer().primaryKey(), name: text() });
    const v = compileValidator(t, { mode: 'insert' });
    expectTypeOf(v).toEqualTypeOf<RowValidator<typeof t.$inferInsert>>();
    expectTypeOf(compileValidator(t, { mode: 'select' })).toEqualTypeOf<
      RowValidator<typeof t.$inferSelect>
    >();
    const row: unknown = { id: 1 };
    if (v.check(row)) expectTypeOf(row).toEqualTypeOf<typeof t.$inferInsert>();
    const typed = v.assert(row);
    expectTypeOf(typed).toEqualTypeOf<typeof t.$inferInsert>();
    expect(typed).toBe(row);
  });
});
