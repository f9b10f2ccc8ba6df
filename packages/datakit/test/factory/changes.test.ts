import { describe, expect, it } from 'vitest';
import { changes } from '../../src/factory/changes.js';
import { catchError } from './catch-error.js';
import { customer, noKey, product } from './tables.js';

type Row = Record<string, unknown>;
const idOf = (key: Row) => JSON.stringify(key);

describe('factory change sequences', () => {
  const set = changes(customer, { seed: 1, initial: 20, steps: 5 });

  it('gives steps + 1 snapshots at increasing times, the first with `initial` rows', () => {
    expect(set.snapshots).toHaveLength(6);
    expect(set.snapshots[0]).toHaveLength(20);
    expect(set.times.map((t) => t.toISOString())).toEqual(
      ['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06'].map(
        (d) => `${d}T00:00:00.000Z`,
      ),
    );
    for (const snapshot of set.snapshots)
      expect(new Set(snapshot.map((r) => r.customerId)).size).toBe(snapshot.length);
  });

  it('has every kind of event in each step (reinserts from step 2), at most one per key and step', () => {
    for (let step = 1; step <= 5; step++) {
      const events = set.events.filter((e) => e.step === step);
      const kinds = new Set(events.map((e) => e.kind));
      expect(kinds).toEqual(
        new Set(step === 1 ? ['update', 'delete', 'insert'] : ['update', 'delete', 'insert', 'reinsert']),
      );
      expect(new Set(events.map((e) => idOf(e.key))).size).toBe(events.length);
    }
    expect(set.events.filter((e) => e.step === 0 && e.kind === 'insert')).toHaveLength(20);
  });

  it('replays: applying each step’s events to the previous snapshot gives the next one', () => {
    for (let step = 1; step <= 5; step++) {
      const table = new Map(
        (set.snapshots[step - 1] as Row[]).map((r) => [idOf({ customerId: r.customerId }), r]),
      );
      for (const event of set.events.filter((e) => e.step === step)) {
        const id = idOf(event.key);
        if (event.kind === 'update') {
          expect(table.get(id)).toEqual(event.before);
          expect(event.after).not.toEqual(event.before);
          expect(event.after?.customerId).toBe(event.before?.customerId);
          expect(event.after?.email).toBe(event.before?.email);
        }
        if (event.kind === 'delete') expect(table.get(id)).toEqual(event.before);
        if (event.kind === 'insert' || event.kind === 'reinsert') expect(table.has(id)).toBe(false);
        if (event.kind === 'delete') table.delete(id);
        else table.set(id, event.after as Row);
      }
      const next = set.snapshots[step] as Row[];
      expect(new Map(next.map((r) => [idOf({ customerId: r.customerId }), r]))).toEqual(table);
    }
  });

  it('re-inserts only keys deleted in an earlier step, with new values; inserts only new keys', () => {
    const seen = new Map<string, number>();
    for (const event of set.events) {
      const id = idOf(event.key);
      if (event.kind === 'insert') expect(seen.has(id)).toBe(false);
      if (event.kind === 'reinsert') {
        const deletedAt = set.events.find(
          (e) => e.kind === 'delete' && idOf(e.key) === id && e.step < event.step,
        );
        expect(deletedAt).toBeDefined();
        expect(event.after).not.toEqual(deletedAt?.before);
      }
      seen.set(id, event.step);
    }
  });

  it('stamps updated_at with the step time on updates, inserts and re-inserts', () => {
    for (const event of set.events.filter((e) => e.step > 0 && e.kind !== 'delete')) {
      expect(event.after?.updatedAt).toEqual(event.at);
    }
  });

  it('is deterministic, and leaves keys and foreign keys alone on MySQL tables', () => {
    expect(changes(customer, { seed: 1, initial: 20, steps: 5 })).toEqual(set);
    expect(changes(customer, { seed: 2, initial: 20, steps: 5 })).not.toEqual(set);
    const products = changes(product, {
      seed: 3,
      initial: 10,
      steps: 3,
      updates: 5,
      deletes: 2,
      inserts: 3,
      reinserts: 2,
    });
    const updates = products.events.filter((e) => e.kind === 'update');
    expect(updates).toHaveLength(15);
    for (const e of updates)
      expect([e.after?.sku, e.after?.supplierId]).toEqual([e.before?.sku, e.before?.supplierId]);
    expect(products.snapshots[3]).toHaveLength(10 + 3 * (3 - 2) + 2 * 2);
  });

  it('refuses a table without a key and bad counts', () => {
    expect(catchError(() => changes(noKey)).message).toMatch(/no primary key/);
    expect(catchError(() => changes(customer, { steps: -1 })).message).toMatch(/steps/);
  });
});
