import { describe, expect, it } from 'vitest';
import { isMysqlTime } from '../../src/dialect/mysql/mysql-values.js';
import {
  codePointLength,
  fitsBytes,
  isDateString,
  isJsonValue,
  isTimeString,
  isTimestampString,
  previewValue,
  typeName,
} from '../../src/values/rule-helpers.js';

describe('rule helpers', () => {
  it('counts code points as PostgreSQL counts characters', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('a😀b')).toBe(3);
    expect(codePointLength('\uD83D')).toBe(1); // a lone surrogate is one character
    expect(codePointLength('😀\uDE00')).toBe(2);
  });

  it('measures UTF-8 bytes', () => {
    expect(fitsBytes('abcd', 4)).toBe(true);
    expect(fitsBytes('abcdé', 5)).toBe(false);
    expect(fitsBytes(new Uint8Array(5), 4)).toBe(false);
  });

  it('accepts only days that exist', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '1999-12-31', 'infinity', '-infinity'])
      expect(isDateString(ok), ok).toBe(true);
    for (const bad of ['1900-02-29', '2024-04-31', '2024-00-10', '2024-1-01', '2024-01-01 ', 'today']) {
      expect(isDateString(bad), bad).toBe(false);
    }
  });

  it('accepts timestamps in the forms the databases print and accept', () => {
    const good = [
      '2024-05-01 12:30:00.123456+02',
      '2024-05-01T12:30:00Z',
      '2024-05-01 12:30',
      '2024-05-01 24:00:00',
      '2024-05-01 23:59:60',
      '2024-05-01 10:00:00+05:30',
    ];
    for (const ok of good) expect(isTimestampString(ok), ok).toBe(true);
    const bad = [
      '2024-05-01T25:00:00Z',
      '2024-05-01 12:60:00',
      '2024-05-01 12:30:61',
      '2024-02-30 00:00:00',
      '2024-05-01',
      '2024-05-01 12:30:00.1234567890',
    ];
    for (const no of bad) expect(isTimestampString(no), no).toBe(false);
  });

  it('accepts PostgreSQL times and MySQL TIME durations', () => {
    expect(isTimeString('23:59:59.999999')).toBe(true);
    expect(isTimeString('24:00')).toBe(true);
    expect(isTimeString('25:00')).toBe(false);
    expect(isTimeString('10:60')).toBe(false);
    expect(isTimeString('-01:00')).toBe(false);
    expect(isMysqlTime('-838:59:59')).toBe(true);
    expect(isMysqlTime('839:00:00')).toBe(false);
  });

  it('accepts plain JSON data only', () => {
    expect(isJsonValue({ a: [1, 'x', null, true, { b: undefined }] })).toBe(true);
    expect(isJsonValue(Object.create(null))).toBe(true);
    for (const bad of [
      undefined,
      [undefined],
      new Map(),
      { n: Number.POSITIVE_INFINITY },
      () => 1,
      Symbol('s'),
      1n,
    ]) {
      expect(isJsonValue(bad), String(typeof bad)).toBe(false);
    }
  });

  it('previews values on one short line', () => {
    expect(previewValue('x'.repeat(100))).toBe(`"${'x'.repeat(57)}…" (100 characters)`);
    expect(previewValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(previewValue({ n: 1n, f: Number.NaN })).toBe('{"n":"1n","f":"NaN"}');
    expect(previewValue(Buffer.from('abc'))).toBe('<3 bytes>');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(previewValue(cycle)).toBe('(cyclic)');
    expect([typeName({}), typeName([]), typeName(new Date()), typeName(null)]).toEqual([
      'object',
      'array',
      'Date',
      'null',
    ]);
  });
});
