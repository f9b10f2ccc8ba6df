import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postgresDrizzle } from '../../src/dialect/postgres/postgres-drizzle.js';
import { columnCodecs } from '../../src/values/column-codec.js';
import { createCopyTextDecoder } from '../../src/values/copy-text-decoder.js';
import { createCopyLineEncoder, createPassthroughLineEncoder } from '../../src/values/copy-text-encoder.js';
import { escapeCopyText, unescapeCopyText } from '../../src/values/copy-text-escape.js';
import { formatPgArray, parsePgArray } from '../../src/values/pg-array-text.js';
import type { PgDate } from '../../src/values/pg-date.js';
import { formatPgDate, formatPgTimestamp, parsePgTimestamp } from '../../src/values/pg-timestamp-text.js';

const t = pgTable('t', { id: integer(), name: text(), at: timestamp({ withTimezone: true }), ok: boolean() });
const codecs = columnCodecs(t, postgresDrizzle);
const COPY =
  '1\tAda \\\\ \\t Lovelace\t2024-02-29 23:59:59.123456+00\tt\n2\t\\N\t\\N\tf\n-3\tZoë 😀\t0044-03-15 12:00:00+00 BC\t\\N\n';

describe('COPY text decoder', () => {
  it('decodes rows whatever the chunk boundaries, also inside multi-byte characters', () => {
    const bytes = Buffer.from(COPY);
    const whole = createCopyTextDecoder(codecs).push(bytes).rows;
    expect(whole.map((r) => [r.id, r.name, r.ok])).toEqual([
      [1, 'Ada \\ \t Lovelace', true],
      [2, null, false],
      [-3, 'Zoë 😀', null],
    ]);
    expect((whole[0]?.at as PgDate | undefined)?.pgText).toBe('2024-02-29 23:59:59.123456+00');
    expect((whole[2]?.at as Date | undefined)?.getUTCFullYear()).toBe(-43);
    for (let a = 1; a < bytes.length; a++) {
      for (const b of [a + 1, a + 7, bytes.length]) {
        const decoder = createCopyTextDecoder(codecs);
        const rows = [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)].flatMap(
          (c) => decoder.push(c).rows,
        );
        decoder.end();
        expect(rows).toEqual(whole);
      }
    }
  });

  it('reports a stream that ends inside a row', () => {
    const decoder = createCopyTextDecoder(codecs);
    decoder.push(Buffer.from('1\tx\t'));
    expect(() => decoder.end()).toThrow(/ended inside a row/);
  });

  it('parses integers strictly unless the live column guarantees them', () => {
    const text = Buffer.from('12x\t\\N\t\\N\t\\N\n');
    expect(createCopyTextDecoder(codecs).push(text).rows[0]?.id).toBeNaN();
    expect(
      createCopyTextDecoder(codecs, new Set(['id'])).push(Buffer.from('-9007199254740991\t\\N\t\\N\t\\N\n'))
        .rows[0]?.id,
    ).toBe(-9007199254740991);
  });
});

describe('COPY text encoders', () => {
  it('round-trip through the decoder, escaping what needs it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.integer(),
            name: fc.option(fc.string({ unit: 'binary' }), { nil: null }),
            ok: fc.boolean(),
          }),
          { maxLength: 20 },
        ),
        (rows) => {
          const encode = createCopyLineEncoder(codecs);
          const text = rows.map((r) => encode({ ...r, at: null })).join('');
          expect(createCopyTextDecoder(codecs).push(Buffer.from(text)).rows).toEqual(
            rows.map((r) => ({ ...r, at: null })),
          );
        },
      ),
    );
  });

  it('copies unchanged values from the source text and formats changed ones', () => {
    const batch = createCopyTextDecoder(codecs).push(Buffer.from(COPY));
    const encode = createPassthroughLineEncoder(codecs, codecs, [0, 1, 2, 3], ['L']);
    const line = (i: number, change: Record<string, unknown>) =>
      encode({ ...batch.rows[i], ...change }, batch.values, batch.text, batch.offsets, i * 5);
    expect(line(0, {})).toBe('1\tAda \\\\ \\t Lovelace\t2024-02-29 23:59:59.123456+00\tt\tL\n');
    expect(line(0, { name: 'a\tb' })).toBe('1\ta\\tb\t2024-02-29 23:59:59.123456+00\tt\tL\n');
    expect(line(0, { at: new Date(Date.UTC(2024, 0, 1)) })).toBe(
      '1\tAda \\\\ \\t Lovelace\t2024-01-01 00:00:00+00\tt\tL\n',
    );
    const moved = batch.rows[0]?.at as Date;
    moved.setUTCFullYear(2000);
    expect(line(0, {})).toBe('1\tAda \\\\ \\t Lovelace\t2000-02-29 23:59:59.123+00\tt\tL\n');
    expect(line(2, {})).toBe('-3\tZoë 😀\t0044-03-15 12:00:00+00 BC\t\\N\tL\n');
  });

  it('sees a transform that mutates the source row in place', () => {
    const batch = createCopyTextDecoder(codecs).push(Buffer.from(COPY));
    const encode = createPassthroughLineEncoder(codecs, codecs, [0, 1, 2, 3]);
    const row = batch.rows[1] as Record<string, unknown>;
    row.name = 'now set';
    expect(encode(row, batch.values, batch.text, batch.offsets, 5)).toBe('2\tnow set\t\\N\tf\n');
  });
});

describe('escaping', () => {
  it('unescapes what it escapes, and every escape PostgreSQL writes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(unescapeCopyText(escapeCopyText(s))).toBe(s);
      }),
    );
    expect(unescapeCopyText('\\b\\f\\v\\101\\x42\\q')).toBe('\b\f\vABq');
  });
});

describe('timestamps', () => {
  it('parse and format every instant a Date holds, its extremes as ±infinity', () => {
    expect(formatPgTimestamp(new Date(8.64e15), true)).toBe('infinity');
    expect(formatPgTimestamp(new Date(-8.64e15), false)).toBe('-infinity');
    expect(formatPgDate(new Date(-8.64e15))).toBe('-infinity');
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15 + 1, max: 8.64e15 - 1 }), (ms) => {
        const date = new Date(ms);
        expect(parsePgTimestamp(formatPgTimestamp(date, true))).toBe(ms);
        expect(parsePgTimestamp(formatPgTimestamp(date, false))).toBe(ms);
        const day = Math.floor(ms / 86_400_000) * 86_400_000;
        if (day > -8.64e15) expect(parsePgTimestamp(formatPgDate(date))).toBe(day);
      }),
    );
  });

  it('reads offsets, fractions, BC and infinity as PostgreSQL writes them', () => {
    expect(parsePgTimestamp('2024-05-01 10:00:00.5+02')).toBe(Date.UTC(2024, 4, 1, 8, 0, 0, 500));
    expect(parsePgTimestamp('1969-12-31 23:59:59.999999-00:30')).toBe(Date.UTC(1970, 0, 1, 0, 29, 59, 999));
    expect(parsePgTimestamp('1850-01-01 00:00:00+00:53:28')).toBe(Date.UTC(1849, 11, 31, 23, 6, 32));
    expect(parsePgTimestamp('0001-01-01 00:00:00+00 BC')).toBe(new Date('0000-01-01T00:00:00Z').getTime());
    expect(parsePgTimestamp('infinity')).toBeNaN();
    expect(parsePgTimestamp('294276-12-31 23:59:59.999999+00')).toBeNaN();
  });
});

describe('arrays', () => {
  it('round-trip nested arrays of tricky strings and nulls', () => {
    const element = fc.option(fc.string({ unit: 'binary' }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.array(element, { minLength: 1, maxLength: 3 }), { maxLength: 3 }), (rows) => {
        const flat = rows.flat();
        expect(parsePgArray(formatPgArray(flat, String), (s) => s)).toEqual(flat);
      }),
    );
    expect(parsePgArray('[0:1]={1,NULL}', Number)).toEqual([1, null]);
    expect(parsePgArray('{{1,2},{3,4}}', Number)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(parsePgArray('{"NULL",NULL,"a\\"b"}', (s) => s)).toEqual(['NULL', null, 'a"b']);
  });
});
