import { describe, expect, it } from 'vitest';
import { DRIFT_FIXES } from '../../src/drift/classify-change.js';
import { type DriftChange, diffTable } from '../../src/drift/diff-table.js';
import { column, customerTable } from './table-fixtures.js';

function only(changes: DriftChange[]): DriftChange {
  expect(changes).toHaveLength(1);
  return changes[0] as DriftChange;
}

describe('diffTable', () => {
  it('finds nothing between a contract and an identical live table', () => {
    const report = diffTable(customerTable(), customerTable(), { role: 'source' });
    expect(report.changes).toEqual([]);
    expect(report.breaking).toBe(false);
  });

  it('ignores catalog spellings of the same default, check, serial and constraint names', () => {
    const live = customerTable((t) => {
      column(t, 'status').default = "'new'::shop.customer_status";
      column(t, 'balance').default = "'0'::numeric";
      column(t, 'created_at').default = 'CURRENT_TIMESTAMP';
      t.checks = [{ name: 'other_name', expression: 'CHECK ((balance >= (0)::numeric))' }];
      t.uniques = [{ name: 'uq_email', columns: ['email'] }];
      t.indexes = [{ name: 'renamed_idx', columns: ['full_name'], unique: false }];
      t.primaryKey = { name: 'customer_pkey', columns: ['customer_id'] };
      const id = column(t, 'customer_id');
      delete id.generated;
      id.default = "nextval('shop.customer_customer_id_seq'::regclass)";
    });
    expect(diffTable(customerTable(), live, { role: 'target' }).changes).toEqual([]);
  });

  it('reports a missing table as breaking, with the fix for its role', () => {
    const source = only(diffTable(customerTable(), undefined, { role: 'source' }).changes);
    expect(source).toMatchObject({ kind: 'table-missing', severity: 'breaking' });
    expect(source.message).toContain('"shop"."customer"');
    const target = only(diffTable(customerTable(), undefined, { role: 'target' }).changes);
    expect(target.fix).toBe(DRIFT_FIXES.deploy);
  });

  it('classifies a new nullable column in a source as safe', () => {
    const live = customerTable((t) =>
      t.columns.push({ name: 'nickname', type: { kind: 'text' }, nullable: true }),
    );
    const change = only(diffTable(customerTable(), live, { role: 'source' }).changes);
    expect(change).toMatchObject({ kind: 'column-added', column: 'nickname', severity: 'safe' });
    expect(change.message).toContain('"nickname"');
  });

  it('classifies a new NOT NULL column without default as breaking in a target, safe in a source', () => {
    const live = customerTable((t) =>
      t.columns.push({ name: 'region', type: { kind: 'text' }, nullable: false }),
    );
    expect(only(diffTable(customerTable(), live, { role: 'target' }).changes)).toMatchObject({
      severity: 'breaking',
      classification: { severity: 'additive', blocksRun: true },
    });
    expect(only(diffTable(customerTable(), live, { role: 'source' }).changes).severity).toBe('safe');
    const defaulted = customerTable((t) =>
      t.columns.push({ name: 'region', type: { kind: 'text' }, nullable: false, default: "'eu'" }),
    );
    expect(only(diffTable(customerTable(), defaulted, { role: 'target' }).changes).severity).toBe('safe');
  });

  it('classifies a dropped column as breaking and names the column and its contract type', () => {
    const live = customerTable((t) => {
      t.columns = t.columns.filter((c) => c.name !== 'full_name');
      t.indexes = [];
    });
    const change = diffTable(customerTable(), live, { role: 'source' }).changes.find(
      (c) => c.kind === 'column-dropped',
    );
    expect(change).toMatchObject({
      column: 'full_name',
      severity: 'breaking',
      contract: 'text null',
      live: 'no such column',
    });
    expect(change?.message).toContain('"full_name"');
    expect(change?.fix).toBe(DRIFT_FIXES.introspect);
  });

  it('shows a rename as drop + add of the same type, "possibly renamed"', () => {
    const live = customerTable((t) => {
      column(t, 'email').name = 'email_address';
      t.uniques = [{ name: 'customer_email_key', columns: ['email_address'] }];
    });
    const changes = diffTable(customerTable(), live, { role: 'source' }).changes;
    const dropped = changes.find((c) => c.kind === 'column-dropped');
    const added = changes.find((c) => c.kind === 'column-added');
    expect(dropped).toMatchObject({ column: 'email', renamedTo: 'email_address', severity: 'breaking' });
    expect(dropped?.message).toContain('possibly renamed to "email_address"');
    expect(dropped?.fix).toContain(DRIFT_FIXES.rename);
    expect(added?.message).toContain('possibly renamed from "email"');
  });

  it('does not pair a dropped and an added column of different types', () => {
    const live = customerTable((t) => {
      column(t, 'full_name').name = 'age';
      column(t, 'age').type = { kind: 'integer' };
      t.indexes = [];
    });
    const dropped = diffTable(customerTable(), live, { role: 'source' }).changes.find(
      (c) => c.kind === 'column-dropped',
    );
    expect(dropped).toBeDefined();
    expect(dropped && 'renamedTo' in dropped).toBe(false);
  });

  it('classifies widened varchar as safe and narrowed as breaking', () => {
    const widened = customerTable((t) => {
      column(t, 'email').type = { kind: 'varchar', length: 500 };
    });
    expect(only(diffTable(customerTable(), widened, { role: 'target' }).changes)).toMatchObject({
      kind: 'column-type-changed',
      change: 'widened',
      severity: 'safe',
      contract: 'varchar(255)',
      live: 'varchar(500)',
    });
    const narrowed = customerTable((t) => {
      column(t, 'email').type = { kind: 'varchar', length: 100 };
    });
    const change = only(diffTable(customerTable(), narrowed, { role: 'target' }).changes);
    expect(change).toMatchObject({ change: 'narrowed', severity: 'breaking' });
    expect(change.message).toMatch(/"email".*varchar\(255\).*varchar\(100\)/);
  });

  it('classifies narrowed numeric precision or scale as breaking in a target, safe in a source', () => {
    for (const type of [
      { kind: 'numeric', precision: 10, scale: 2 },
      { kind: 'numeric', precision: 12, scale: 1 },
      { kind: 'numeric', precision: 14, scale: 1 },
    ] as const) {
      const live = customerTable((t) => {
        column(t, 'balance').type = type;
      });
      const label = JSON.stringify(type);
      expect(only(diffTable(customerTable(), live, { role: 'target' }).changes).severity, label).toBe(
        'breaking',
      );
      expect(only(diffTable(customerTable(), live, { role: 'source' }).changes).severity, label).toBe('safe');
    }
    const wider = customerTable((t) => {
      column(t, 'balance').type = { kind: 'numeric', precision: 14, scale: 4 };
    });
    expect(only(diffTable(customerTable(), wider, { role: 'target' }).changes).severity).toBe('safe');
    const source = only(diffTable(customerTable(), wider, { role: 'source' }).changes);
    expect(source.severity).toBe('breaking');
    expect(source.fix).toContain('quarantine');
  });

  it('classifies a changed type as breaking', () => {
    const live = customerTable((t) => {
      column(t, 'full_name').type = { kind: 'jsonb' };
    });
    expect(only(diffTable(customerTable(), live, { role: 'source' }).changes)).toMatchObject({
      kind: 'column-type-changed',
      change: 'retyped',
      severity: 'breaking',
      contract: 'text',
      live: 'jsonb',
    });
  });

  it('classifies nullable → NOT NULL as breaking in a target and info in a source', () => {
    const live = customerTable((t) => {
      column(t, 'full_name').nullable = false;
    });
    const target = only(diffTable(customerTable(), live, { role: 'target' }).changes);
    expect(target).toMatchObject({
      kind: 'nullability-changed',
      severity: 'breaking',
      contract: 'null',
      live: 'not null',
    });
    expect(target.message).toContain('"full_name"');
    expect(only(diffTable(customerTable(), live, { role: 'source' }).changes).severity).toBe('safe');
  });

  it('classifies NOT NULL → nullable in a source as breaking: NULLs would be rejected row by row', () => {
    const live = customerTable((t) => {
      column(t, 'email').nullable = true;
    });
    const change = only(diffTable(customerTable(), live, { role: 'source' }).changes);
    expect(change).toMatchObject({ kind: 'nullability-changed', column: 'email', severity: 'breaking' });
    expect(change.message).toContain('"shop"."customer"."email"');
    expect(change.message).toContain('rows with NULL are rejected');
    expect(change.fix).toContain('make the column nullable in the contract');
    expect(diffTable(customerTable(), live, { role: 'source' }).breaking).toBe(true);
    // A target keeps running (every contract value fits); deploy would tighten it destructively.
    expect(only(diffTable(customerTable(), live, { role: 'target' }).changes)).toMatchObject({
      severity: 'info',
      classification: { severity: 'breaking', blocksRun: false },
    });
  });

  it('classifies a removed enum value as breaking in a target and an added one as breaking in a source', () => {
    const removed = customerTable((t) => {
      column(t, 'status').type = { kind: 'enum', enumName: 'customer_status', enumValues: ['new', 'active'] };
    });
    const change = only(diffTable(customerTable(), removed, { role: 'target' }).changes);
    expect(change).toMatchObject({ kind: 'enum-values-removed', values: ['closed'], severity: 'breaking' });
    expect(change.message).toContain("removed 'closed'");
    const added = customerTable((t) => {
      column(t, 'status').type = {
        kind: 'enum',
        enumName: 'customer_status',
        enumValues: ['new', 'active', 'closed', 'vip'],
      };
    });
    expect(only(diffTable(customerTable(), added, { role: 'source' }).changes)).toMatchObject({
      kind: 'enum-values-added',
      values: ['vip'],
      severity: 'breaking',
    });
    expect(only(diffTable(customerTable(), added, { role: 'target' }).changes).severity).toBe('safe');
    expect(only(diffTable(customerTable(), removed, { role: 'source' }).changes).severity).toBe('safe');
  });

  it('classifies a changed primary key as breaking', () => {
    const live = customerTable((t) => {
      t.primaryKey = { columns: ['email'] };
    });
    const changes = diffTable(customerTable(), live, { role: 'target' }).changes;
    expect(changes.find((c) => c.kind === 'primary-key-changed')?.severity).toBe('breaking');
  });

  it('classifies a new index as safe and a missing one as info', () => {
    const added = customerTable((t) =>
      t.indexes.push({ name: 'customer_created_idx', columns: ['created_at'], unique: false }),
    );
    expect(only(diffTable(customerTable(), added, { role: 'target' }).changes)).toMatchObject({
      kind: 'index-added',
      severity: 'safe',
    });
    const dropped = customerTable((t) => {
      t.indexes = [];
    });
    expect(only(diffTable(customerTable(), dropped, { role: 'target' }).changes)).toMatchObject({
      kind: 'index-dropped',
      severity: 'info',
    });
  });

  it('reports missing defaults and constraints as info, and constraints the contract lacks as safe', () => {
    const live = customerTable((t) => {
      column(t, 'balance').default = '10';
      t.uniques = [];
      t.checks = [{ name: 'c', expression: 'balance > -100' }];
      t.foreignKeys = [{ columns: ['customer_id'], references: { table: 'person', columns: ['id'] } }];
    });
    const kinds = diffTable(customerTable(), live, { role: 'target' }).changes.map((c) => [
      c.kind,
      c.severity,
    ]);
    expect(kinds).toEqual([
      ['default-changed', 'info'],
      ['unique-dropped', 'info'],
      ['foreign-key-added', 'safe'],
      ['check-dropped', 'info'],
      ['check-added', 'safe'],
    ]);
  });

  it('treats a MySQL implicit foreign-key index as part of the foreign key', () => {
    const fk = {
      name: 'customer_person_fk',
      columns: ['full_name'],
      references: { table: 'person', columns: ['name'] },
    };
    const contract = customerTable((t) => {
      t.foreignKeys = [fk];
    });
    const live = customerTable((t) => {
      t.foreignKeys = [fk];
      t.indexes.push({ name: 'customer_person_fk', columns: ['full_name'], unique: false });
    });
    expect(diffTable(contract, live, { role: 'source' }).changes).toEqual([]);
  });
});
