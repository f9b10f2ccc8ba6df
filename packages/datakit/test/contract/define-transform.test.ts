import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { defineTransform } from '../../src/contract/define-transform.js';
import { DatakitError } from '../../src/errors/datakit-error.js';

const source = pgTable('source', { id: integer().primaryKey(), name: text().notNull() });
const target = pgTable('target', { id: integer().primaryKey(), name: text().notNull(), loaded_by: text() });

describe('defineTransform', () => {
  it('keeps the tables and runs without a database for unit tests', () => {
    const t = defineTransform(source, target, (row, ctx) =>
      row.id < 0 ? null : { id: row.id, name: row.name.trim(), loaded_by: ctx.loadId },
    );
    expect(t.source).toBe(source);
    expect(t.target).toBe(target);
    expect(t.apply({ id: 1, name: ' Ada ' })).toEqual({
      id: 1,
      name: 'Ada',
      loaded_by: '00000000-0000-4000-8000-000000000000',
    });
    expect(t.apply({ id: 1, name: 'x' }, { loadId: 'L1' })?.loaded_by).toBe('L1');
    expect(t.apply({ id: -1, name: 'x' })).toBeNull();
  });

  it('refuses a missing function with a hint', () => {
    const call = () => defineTransform(source, target, undefined as never);
    expect(call).toThrow(DatakitError);
    expect(call).toThrow(/needs a function/);
  });
});
