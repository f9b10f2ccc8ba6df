import { describe, expect, it } from 'vitest';
import { compareDatakits } from '../../src/drift/compare-datakits.js';
import { formatContractComparison } from '../../src/drift/format-contract-comparison.js';
import { declaredBump, nextVersion } from '../../src/drift/semver-bump.js';
import type { TableSchema } from '../../src/schema/table-schema.js';
import { column, customerTable } from './table-fixtures.js';

const invoice: TableSchema = {
  schema: 'shop',
  name: 'invoice',
  columns: [{ name: 'invoice_id', type: { kind: 'bigint' }, nullable: false }],
  primaryKey: { columns: ['invoice_id'] },
  uniques: [],
  foreignKeys: [],
  indexes: [],
  checks: [],
};

function bumpOf(newer: TableSchema[], older: TableSchema[] = [customerTable()]) {
  return compareDatakits({ version: '1.0.0', tables: older }, { version: '1.0.0', tables: newer });
}

describe('compareDatakits', () => {
  it('needs no bump when nothing changed', () => {
    const result = bumpOf([customerTable()]);
    expect(result).toMatchObject({ changes: [], required: 'none', declared: 'none', sufficient: true });
  });

  const cases: [string, (t: TableSchema) => void, 'major' | 'minor' | 'patch'][] = [
    [
      'removed column',
      (t) => {
        t.columns = t.columns.filter((c) => c.name !== 'created_at');
      },
      'major',
    ],
    [
      'changed type',
      (t) => {
        column(t, 'full_name').type = { kind: 'integer' };
      },
      'major',
    ],
    [
      'narrowed type',
      (t) => {
        column(t, 'email').type = { kind: 'varchar', length: 10 };
      },
      'major',
    ],
    [
      'widened type',
      (t) => {
        column(t, 'email').type = { kind: 'text' };
      },
      'minor',
    ],
    [
      'new NOT NULL column without default',
      (t) => {
        t.columns.push({ name: 'region', type: { kind: 'text' }, nullable: false });
      },
      'major',
    ],
    [
      'new nullable column',
      (t) => {
        t.columns.push({ name: 'region', type: { kind: 'text' }, nullable: true });
      },
      'minor',
    ],
    [
      'new NOT NULL column with default',
      (t) => {
        t.columns.push({ name: 'region', type: { kind: 'text' }, nullable: false, default: "'eu'" });
      },
      'minor',
    ],
    [
      'removed enum value',
      (t) => {
        column(t, 'status').type = {
          kind: 'enum',
          enumName: 'customer_status',
          enumValues: ['new', 'active'],
        };
      },
      'major',
    ],
    [
      'new enum value',
      (t) => {
        column(t, 'status').type = {
          kind: 'enum',
          enumName: 'customer_status',
          enumValues: ['new', 'active', 'closed', 'vip'],
        };
      },
      'minor',
    ],
    [
      'changed primary key',
      (t) => {
        t.primaryKey = { columns: ['customer_id', 'email'] };
      },
      'major',
    ],
    [
      'nullability',
      (t) => {
        column(t, 'full_name').nullable = false;
      },
      'major',
    ],
    [
      'new index',
      (t) => {
        t.indexes.push({ name: 'i', columns: ['email'], unique: false });
      },
      'patch',
    ],
    [
      'removed index',
      (t) => {
        t.indexes = [];
      },
      'patch',
    ],
    [
      'comment',
      (t) => {
        t.comment = 'Customers of the shop';
      },
      'patch',
    ],
    [
      'default',
      (t) => {
        column(t, 'balance').default = '1';
      },
      'patch',
    ],
  ];
  for (const [label, change, bump] of cases) {
    it(`needs a ${bump} bump for a ${label}`, () => {
      const result = bumpOf([customerTable(change)]);
      expect(result.changes.length).toBeGreaterThan(0);
      expect(result.required).toBe(bump);
      expect(result.sufficient).toBe(false);
    });
  }

  it('needs major for a removed table and minor for a new one', () => {
    expect(bumpOf([]).required).toBe('major');
    expect(bumpOf([customerTable(), invoice])).toMatchObject({ required: 'minor' });
    expect(bumpOf([customerTable(), invoice]).changes[0]).toMatchObject({
      kind: 'table-added',
      table: { name: 'invoice' },
    });
  });

  it('checks the declared bump, and suggests the version to use', () => {
    const dropped = customerTable((t) => {
      t.columns.pop();
    });
    const patch = compareDatakits(
      { version: '1.2.3', tables: [customerTable()] },
      { version: '1.2.4', tables: [dropped] },
    );
    expect(patch).toMatchObject({
      required: 'major',
      declared: 'patch',
      sufficient: false,
      suggestedVersion: '2.0.0',
    });
    const text = formatContractComparison({ ...patch, newer: { name: 'system-a', version: '1.2.4' } });
    expect(text).toContain('"created_at"');
    expect(text).toContain('use 2.0.0');
    const major = compareDatakits(
      { version: '1.2.3', tables: [customerTable()] },
      { version: '2.0.0', tables: [dropped] },
    );
    expect(major.sufficient).toBe(true);
    const down = compareDatakits(
      { version: '1.2.3', tables: [customerTable()] },
      { version: '1.0.0', tables: [dropped] },
    );
    expect(down).toMatchObject({ declared: 'downgrade', sufficient: false });
  });

  it('names the older and newer state in each message', () => {
    const result = compareDatakits(
      { version: '1.0.0', tables: [customerTable()] },
      {
        version: '1.1.0',
        tables: [
          customerTable((t) => {
            column(t, 'email').type = { kind: 'varchar', length: 20 };
          }),
        ],
      },
    );
    expect(result.changes[0]?.message).toBe(
      'Column "shop"."customer"."email": type changed. 1.0.0 has varchar(255); 1.1.0 has varchar(20) (narrowed).',
    );
  });
});

describe('semver bumps', () => {
  it('reads declared bumps, with 0.x minor counting as major', () => {
    expect(declaredBump('1.2.3', '2.0.0')).toBe('major');
    expect(declaredBump('1.2.3', '1.3.0')).toBe('minor');
    expect(declaredBump('1.2.3', '1.2.4')).toBe('patch');
    expect(declaredBump('1.2.3', '1.2.3')).toBe('none');
    expect(declaredBump('1.2.3', '1.2.2')).toBe('downgrade');
    expect(declaredBump('0.2.3', '0.3.0')).toBe('major');
    expect(declaredBump('0.2.3', '0.2.4')).toBe('minor');
    expect(declaredBump('1.0.0-rc.1', '1.0.0')).toBe('major');
    expect(declaredBump('1.0.0', '1.0.1-rc.1')).toBe('patch');
    expect(() => declaredBump('1.0', '1.1')).toThrow(/not semver/);
  });

  it('suggests the next version', () => {
    expect(nextVersion('1.2.3', 'major')).toBe('2.0.0');
    expect(nextVersion('1.2.3', 'minor')).toBe('1.3.0');
    expect(nextVersion('0.2.3', 'major')).toBe('0.3.0');
    expect(nextVersion('0.2.3', 'minor')).toBe('0.2.4');
  });
});
