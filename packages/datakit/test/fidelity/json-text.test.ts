import { integer, json, jsonb, pgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { compileValidator } from '../../src/contract/compile-validator.js';
import { mysqlValueDecoder } from '../../src/dialect/mysql/mysql-value-decoder.js';
import { postgresDrizzle } from '../../src/dialect/postgres/postgres-drizzle.js';
import { columnCodecs } from '../../src/values/column-codec.js';
import { formatJson, NotJson, parseJsonText, sourceJsonText } from '../../src/values/pg-json-text.js';

const docs = pgTable('docs', { id: integer().primaryKey(), doc: json(), docb: jsonb() });
const [, doc, docb] = columnCodecs(docs, postgresDrizzle);
const fromMysql = doc ? mysqlValueDecoder(doc.column, doc.kind, doc.fromText) : undefined;

describe('JSON values: parsed for the transform, written from their text while unchanged', () => {
  it('reads JSON text from any driver once: strings stay strings, JSON null is null', () => {
    expect(fromMysql?.('"just a string"')).toBe('just a string');
    expect(fromMysql?.('"42"')).toBe('42');
    expect(fromMysql?.('"{\\"a\\": 1}"')).toBe('{"a": 1}');
    expect(fromMysql?.('null')).toBeNull();
    expect(fromMysql?.(Buffer.from('[1, 2]'))).toEqual([1, 2]);
    const parsed = fromMysql?.('{"a": 1.0, "big": 12345678901234567890}');
    expect(parsed).toEqual({ a: 1, big: 12345678901234567000 });
    expect(doc?.toText(parsed)).toBe('{"a": 1.0, "big": 12345678901234567890}');
  });

  it('writes a value changed in place, or a new one, with JSON.stringify', () => {
    const value = parseJsonText('{"a" : [1, 2]}') as { a: number[] };
    expect(formatJson(value)).toBe('{"a" : [1, 2]}');
    value.a.push(3);
    expect(sourceJsonText(value)).toBeUndefined();
    expect(formatJson(value)).toBe('{"a":[1,2,3]}');
    expect(formatJson({ b: 'c' })).toBe('{"b":"c"}');
  });

  it('notices a changed number that stringifies the same (1e400 set to null)', () => {
    const value = parseJsonText('{"n": 1e400}') as { n: number | null };
    expect(sourceJsonText(value)).toBe('{"n": 1e400}');
    value.n = null;
    expect(sourceJsonText(value)).toBeUndefined();
  });

  it('keeps text that is not JSON, so the source check rejects its row with the text', () => {
    const bad = fromMysql?.('{oops');
    expect(bad).toBeInstanceOf(NotJson);
    const failure = compileValidator(docs, { mode: 'select' }).explain(
      { id: 1, doc: bad, docb: null },
      'id=1',
    );
    expect(failure).toMatchObject({ column: 'doc', rule: 'type:json' });
    expect(failure?.message).toContain('is not valid JSON');
    expect(failure?.message).toContain("'{oops'");
  });

  it('refuses a new ±Infinity when writing, with the column and the rule', () => {
    expect(() => docb?.toText(Number.POSITIVE_INFINITY)).toThrowError(/column "docb" is Infinity/);
  });
});
