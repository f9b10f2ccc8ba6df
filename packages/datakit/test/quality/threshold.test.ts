import { describe, expect, it } from 'vitest';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { freshnessCheck } from '../../src/quality/freshness-check.js';
import { notNullCheck } from '../../src/quality/not-null-check.js';
import { rowCountCheck } from '../../src/quality/row-count-check.js';
import { crosses, parseThreshold } from '../../src/quality/threshold.js';
import { inLayer } from '../../src/sql-transform/in-layer.js';
import { customer } from '../sql-transform/fixtures.js';

const where = { check: 'c', option: 'errorIf' } as const;

describe('thresholds and check options (no database)', () => {
  it('parses comparisons and numbers', () => {
    expect(parseThreshold('> 0', where)).toEqual({ text: '> 0', op: '>', value: 0 });
    expect(parseThreshold('>=10', where)).toEqual({ text: '>= 10', op: '>=', value: 10 });
    expect(parseThreshold(' <> 3 ', where).op).toBe('!=');
    expect(parseThreshold('== 2.5', where)).toEqual({ text: '= 2.5', op: '=', value: 2.5 });
    expect(crosses(parseThreshold('> 10', where), 11)).toBe(true);
    expect(crosses(parseThreshold('> 10', where), 10)).toBe(false);
    expect(crosses(parseThreshold('!= 0', where), 0)).toBe(false);
    expect(crosses(parseThreshold('< 1', where), 0)).toBe(true);
  });

  it('refuses anything else with the check, the option and an example', () => {
    for (const bad of ['more than 3', '> ten', '>', '5', '> -1', '=> 2']) {
      const error = (() => {
        try {
          parseThreshold(bad, { check: 'not-null(silver.customer.email)', option: 'warnIf' });
        } catch (e) {
          return e;
        }
      })();
      expect(error, bad).toBeInstanceOf(DatakitError);
      expect((error as DatakitError).message).toBe(
        `Check "not-null(silver.customer.email)": warnIf '${bad}' is not a threshold`,
      );
      expect((error as DatakitError).hint).toMatch(/warnIf: '> 0'/);
    }
  });

  it('validates check options where they are written', () => {
    const silver = inLayer(customer, 'silver');
    expect(() => notNullCheck(silver, 'email', { severity: 'warn', errorIf: '> 0' })).toThrow(
      /has severity 'warn' and an errorIf/,
    );
    expect(() => notNullCheck(silver, 'email', { severity: 'fatal' as never })).toThrow(
      /neither 'error' nor 'warn'/,
    );
    expect(() => notNullCheck(silver, 'nope' as never)).toThrow(/table "customer" has no column "nope"/);
    expect(() => rowCountCheck(silver, silver, { tolerance: 'ten' as never })).toThrow(
      /is not a row count or a percentage/,
    );
    expect(() => freshnessCheck(silver, 'updated_at', { maxAge: 'soon' })).toThrow(/is not an age/);
    expect(notNullCheck(silver, 'email', { errorIf: '> 100', warnIf: '> 10' })).toMatchObject({
      name: 'not-null(silver.customer.email)',
      severity: 'error',
      errorIf: { text: '> 100' },
      warnIf: { text: '> 10' },
    });
  });
});
