import { describe, expect, it } from 'vitest';
import { loadLine } from '../../src/cli/format-rejects.js';
import { rejectKey, shortReason } from '../../src/cli/reject-view.js';

describe('what the rejects table shows of a reason', () => {
  it('the key a transfer or SQL transform reason names, never a bare row number', () => {
    expect(rejectKey('Row customer_id=3 of "crm.customer": the transform threw: boom')).toBe('customer_id=3');
    expect(rejectKey('Row a=1,b=x of "t" in crm@1.0.0: column "b" ...')).toBe('a=1,b=x');
    expect(rejectKey('silver.order: no customer row has this id (key id=997)')).toBe('id=997');
    expect(rejectKey('silver.x: bad (key a=1, b=null)')).toBe('a=1, b=null');
    expect(rejectKey('Row 17 of "customer": column "email" is required')).toBeNull();
    expect(rejectKey('something else')).toBeNull();
  });

  it('the reason without the row and table its columns already show', () => {
    const r = (message: string) => shortReason({ message, targetTable: 'silver.order' });
    expect(r('Row id=3 of "crm.customer": the transform threw: boom')).toBe('the transform threw: boom');
    expect(r('Row 4 of "customer" in bronze@1.0.0: column "email" is too long')).toBe(
      'column "email" is too long',
    );
    expect(r('silver.order: no customer row has this id (key id=997)')).toBe('no customer row has this id');
    expect(r('a reason of its own')).toBe('a reason of its own');
  });

  it("a load's line escapes names from the store and says when a failed load kept only its first rejects", () => {
    const line = loadLine({
      loadId: '00000000-0000-4000-8000-000000000001',
      name: 'cust\u001b[2Jomer',
      kind: 'transfer',
      runId: null,
      sourceSystem: 'crm',
      sourceTable: 'crm.customer',
      targetTable: 'bronze.customer',
      status: 'failed',
      startedAt: new Date('2025-01-01T00:00:00.123Z'),
      rowsRejected: 25,
      stored: 10,
    });
    expect(line).toBe(
      'bronze.customer ← crm.customer (crm): transfer cust\\u001b[2Jomer, load 00000000-0000-4000-8000-000000000001, 2025-01-01T00:00:00Z, failed; 25 rows rejected, the first 10 stored',
    );
  });
});
