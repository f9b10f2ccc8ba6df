import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { transactional } from '../../src/contract/audit-mixins.js';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { datakitJsonSchema, type JsonSchema, toJsonSchema } from '../../src/contract/to-json-schema.js';
import { everything, everythingRow, orders } from './every-type.js';

// A row as JSON carries it: Dates as ISO strings (dates as YYYY-MM-DD), Buffers as base64.
function asJson(row: Record<string, unknown>): Record<string, unknown> {
  const json = JSON.parse(
    JSON.stringify({
      ...row,
      big_bigint: 5, // JSON has no bigint; zod only accepts safe integers
      score: 1, // NaN has no JSON form
      blob: (row.blob as Buffer).toString('base64'),
    }),
  ) as Record<string, unknown>;
  return { ...json, born_date: (row.born_date as Date).toISOString().slice(0, 10) };
}

const validate = (schema: JsonSchema) => z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);

describe('toJsonSchema', () => {
  it('describes a table with every type (snapshot)', () => {
    expect(toJsonSchema(everything)).toMatchSnapshot();
    expect(toJsonSchema(orders)).toMatchSnapshot();
  });

  it('writes types, formats, maxLength, enums, nullable unions and required keys', () => {
    const schema = toJsonSchema(everything);
    const p = schema.properties ?? {};
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(p.small).toEqual({ type: 'integer', minimum: -32768, maximum: 32767 });
    expect(p.code).toEqual({ type: ['string', 'null'], maxLength: 5 });
    expect(p.status).toEqual({ type: 'string', enum: ['active', 'blocked'] });
    expect(p.kind).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(p.ext_id).toEqual({ type: ['string', 'null'], format: 'uuid' });
    expect(p.at).toEqual({ type: 'string', format: 'date-time' });
    expect(p.born).toEqual({ type: ['string', 'null'], format: 'date' });
    expect(p.docb).toEqual({ type: ['string', 'number', 'integer', 'boolean', 'object', 'array'] });
    expect(p.doc).toEqual({});
    expect(p.tags).toEqual({ type: ['array', 'null'], items: { type: ['string', 'null'] } });
    expect(p.total?.readOnly).toBe(true);
    expect(schema.required).toHaveLength(30);
    expect(toJsonSchema(everything, { mode: 'insert' }).required).toEqual([
      'small',
      'name',
      'status',
      'docb',
    ]);
  });

  it('accepts a valid row as JSON and rejects broken ones, per a JSON Schema validator', () => {
    const schema = validate(toJsonSchema(everything));
    const row = asJson(everythingRow());
    expect(schema.safeParse(row).error?.issues).toBeUndefined();
    const broken = {
      ...row,
      code: 'abcdef',
      status: 'gone',
      ext_id: 'nope',
      price: '1.234',
      small: 1.5,
      extra: 1,
    };
    const paths = schema.safeParse(broken).error?.issues.map((issue) => issue.path.join('.') || issue.code);
    expect(paths?.sort()).toEqual(['code', 'ext_id', 'price', 'small', 'status', 'unrecognized_keys'].sort());
    expect(schema.safeParse({ ...row, name: null }).success).toBe(false);
    expect(schema.safeParse({ ...row, code: null }).success).toBe(true);
  });

  it('describes every table of a datakit under $defs with its name and version', () => {
    const customer = pgTable('customer', { id: integer().primaryKey(), name: text(), ...transactional() });
    const kit = defineDatakit({ name: 'system-a', version: '2.1.0', tables: { customer, everything } });
    const schema = datakitJsonSchema(kit);
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:datakit:system-a:2.1.0',
      title: 'system-a',
      'x-datakit': { name: 'system-a', version: '2.1.0', layer: 'source', system: 'system-a' },
    });
    expect(Object.keys(schema.$defs ?? {})).toEqual(['customer', 'everything']);
    expect(schema.$defs?.customer?.$schema).toBeUndefined();
    expect(schema.$defs?.customer?.properties?.systime).toEqual({ type: 'string' });
    expect(schema.$defs?.everything).toEqual(toJsonSchema(everything, { nested: true }));
    const withRef = validate({ ...schema, $ref: '#/$defs/customer' } as JsonSchema);
    const now = new Date().toISOString();
    expect(
      withRef.safeParse({ id: 1, name: null, created_at: now, updated_at: now, systime: '[a,b)' }).success,
    ).toBe(true);
    expect(
      withRef.safeParse({ id: 'x', name: null, created_at: now, updated_at: now, systime: '' }).success,
    ).toBe(false);
  });
});
