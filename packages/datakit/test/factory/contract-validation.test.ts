import type { Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { compileValidator } from '../../src/contract/compile-validator.js';
import { buildGraph } from '../../src/factory/build-graph.js';
import { changes } from '../../src/factory/changes.js';
import { factory } from '../../src/factory/factory.js';
import { customer, employee, order, orderLine, product, profile, supplier, tinyKey } from './tables.js';

const tables: Record<string, Table> = {
  customer,
  order,
  orderLine,
  employee,
  profile,
  tinyKey,
  supplier,
  product,
};

function failuresOf(table: Table, rows: readonly object[], mode: 'select' | 'insert') {
  const validator = compileValidator(table, { mode });
  return rows.flatMap((row, i) => (validator.check(row) ? [] : validator.explainAll(row, i + 1)));
}

describe('factory rows satisfy the contract validator', () => {
  for (const [key, table] of Object.entries(tables)) {
    it(`${key}: 1,000 built rows pass in select mode, 1,000 insert rows in insert mode`, () => {
      expect(failuresOf(table, factory(table).build(1000, { seed: 21, refCount: 1000 }), 'select')).toEqual(
        [],
      );
      expect(
        failuresOf(
          table,
          factory(table).buildInsert(1000, { seed: 22, nullRate: 0.5, refCount: 1000 }),
          'insert',
        ),
      ).toEqual([]);
    });
  }

  it('rows of a graph and of every change snapshot pass too', () => {
    const graph = buildGraph({ supplier, product }, { supplier: 50, product: 1000 }, { seed: 23 });
    expect(failuresOf(product, graph.product, 'select')).toEqual([]);
    for (const snapshot of changes(customer, { seed: 24, initial: 200, steps: 4 }).snapshots) {
      expect(failuresOf(customer, snapshot, 'select')).toEqual([]);
    }
  });

  it('the validator does catch a broken row (the test can fail)', () => {
    const [row] = factory(customer).build(1, { overrides: { firstName: 'x'.repeat(41) } });
    expect(failuresOf(customer, [row as object], 'select').map((f) => f.rule)).toEqual(['max-length:40']);
  });
});
