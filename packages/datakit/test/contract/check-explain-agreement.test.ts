import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planColumns } from '../../src/contract/column-plan.js';
import { createExplainer } from '../../src/contract/explain-row.js';
import { generateCheck } from '../../src/contract/generate-check.js';
import { everything, everythingRow, orders } from './every-type.js';

// A value for a column: the valid one, a near miss, or anything at all (including absent).
function valueFor(valid: unknown): fc.Arbitrary<unknown> {
  const nearMisses = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.bigInt(),
    fc.boolean(),
    fc.date({ noInvalidDate: false }),
    fc.constantFrom(
      '12.50',
      '99999999.999',
      '1e5',
      '😀😀😀😀😀😀',
      'a\u0000',
      'active',
      '2024-02-30',
      '24:00',
    ),
    fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  );
  return fc.oneof(
    { weight: 40, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: nearMisses },
    { weight: 1, arbitrary: fc.anything() },
  );
}

const validMysqlRow: Record<string, unknown> = {
  order_id: 1,
  priority: 3,
  customer_ref: 10,
  state: 'paid',
  note: 'n',
  body: 'b',
  total: '1.5',
  weight: 2,
  placed: new Date(0),
  hash: 'ab',
};

// An insert row leaves out the stored generated column `total`.
const { total: _generated, ...insertRow } = everythingRow();

for (const [table, mode, valid] of [
  [everything, 'select', everythingRow()],
  [everything, 'insert', insertRow],
  [orders, 'select', validMysqlRow],
  [orders, 'insert', validMysqlRow],
] as const) {
  describe(`check() and explain() agree on ${table === everything ? 'everything' : 'orders'} (${mode})`, () => {
    const { tableName, plans } = planColumns(table, mode);
    const rejectUnknown = mode === 'insert';
    const check = generateCheck(plans, rejectUnknown);
    const explain = createExplainer({
      tableName,
      plans,
      datakit: undefined,
      version: undefined,
      rejectUnknown,
    });
    const arbitraries: Record<string, fc.Arbitrary<unknown>> = {
      ...Object.fromEntries(Object.entries(valid).map(([key, value]) => [key, valueFor(value)])),
      extra: fc.constant('x'),
    };
    const row = fc.record(arbitraries, { requiredKeys: Object.keys(valid) });

    it('a row fails check() exactly when explain() finds a failure', () => {
      let passed = 0;
      fc.assert(
        fc.property(row, (candidate) => {
          const failures = explain(candidate, undefined, false);
          expect(check(candidate)).toBe(failures.length === 0);
          if (failures.length === 0) passed++;
          for (const failure of failures) {
            expect(failure.rule).not.toBe('unknown');
            expect(failure.message).toContain(`"${tableName}"`);
          }
        }),
        { numRuns: 2000, seed: 20260101 },
      );
      // Both outcomes must be exercised for the agreement to mean anything.
      expect(passed).toBeGreaterThan(100);
      expect(passed).toBeLessThan(1900);
    });
  });
}
