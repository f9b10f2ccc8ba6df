import { binary, double, smallint as mySmallint, mysqlTable, varbinary, year } from 'drizzle-orm/mysql-core';
import {
  bigint,
  date,
  doublePrecision,
  interval,
  json,
  numeric,
  pgTable,
  real,
  text,
  time,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { factory } from '../../src/factory/factory.js';
import { customer, order, orderLine, product } from './tables.js';

const gadget = pgTable('gadget', {
  labels: text().array().notNull(),
  settings: json().notNull(),
  warranty: interval().notNull(),
  opensAt: time('opens_at').notNull(),
  views: bigint({ mode: 'bigint' }).notNull(),
  weight: numeric().notNull(),
  ratio: numeric({ precision: 3, scale: 3 }).notNull(),
  latitude: real().notNull(),
  score: doublePrecision().notNull(),
  launchDate: date('launch_date', { mode: 'date' }).notNull(),
  dueDate: date('due_date').notNull(),
  stampedAt: timestamp('stamped_at', { precision: 0 }).notNull(),
  code: varchar({ length: 4 }).notNull(),
});

const blob = mysqlTable('blob_store', {
  hash: binary({ length: 8 }).notNull(),
  body: varbinary({ length: 4 }).notNull(),
  small: mySmallint({ unsigned: true }).notNull(),
  ratio: double().notNull(),
  modelYear: year('model_year'),
});

describe('factory values', () => {
  it('respects enums, varchar/char lengths and not-null columns', () => {
    const rows = factory(customer).build(1000, { seed: 11 });
    for (const row of rows) {
      expect(['retail', 'business', 'vip']).toContain(row.segment);
      expect(row.firstName.length).toBeGreaterThan(0);
      expect(row.firstName.length).toBeLessThanOrEqual(40);
      expect(row.country).toMatch(/^[A-Z]{2}$/);
      if (row.phone !== null) expect(row.phone.length).toBeLessThanOrEqual(20);
      for (const key of [
        'customerId',
        'firstName',
        'lastName',
        'email',
        'country',
        'segment',
        'isActive',
        'createdAt',
      ] as const) {
        expect(row[key]).not.toBeNull();
      }
    }
    const orders = factory(order).build(1000, { seed: 11 });
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['new', 'paid', 'shipped', 'cancelled']));
    for (const o of orders) if (o.channel !== null) expect(['web', 'store', 'phone']).toContain(o.channel);
    for (const p of factory(product).build(1000, { seed: 11 })) {
      expect(['physical', 'digital']).toContain(p.kind);
      expect(p.name.length).toBeLessThanOrEqual(30);
    }
  });

  it('makes realistic, coherent person values', () => {
    for (const row of factory(customer).build(300, { seed: 12 })) {
      expect(row.email).toMatch(/^[^@\s]+@[a-z0-9.-]+\.[a-z]+$/);
      expect(row.email).toContain(
        row.firstName
          .toLowerCase()
          .replace(/[^a-z]/g, '')
          .slice(0, 3),
      );
      if (row.birthDate !== null) {
        const age = 2025 - Number(row.birthDate.slice(0, 4));
        expect(age).toBeGreaterThanOrEqual(18);
        expect(age).toBeLessThanOrEqual(91);
      }
      if (row.updatedAt !== null)
        expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());
    }
  });

  it('keeps numbers inside their type: numeric precision/scale as strings, smallint, unsigned, tinyint', () => {
    for (const o of factory(order).build(500, { seed: 13 })) {
      expect(o.total).toMatch(/^\d{1,8}\.\d{2}$/);
      expect(o.quantity).toBeGreaterThanOrEqual(1);
      expect(o.quantity).toBeLessThanOrEqual(20);
      expect(o.orderedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/);
    }
    for (const l of factory(orderLine).build(500, { seed: 13 })) {
      expect(l.unitPrice).toMatch(/^\d{1,4}\.\d{2}$/);
      if (l.bigCount !== null) expect(typeof l.bigCount).toBe('bigint');
    }
    for (const p of factory(product).build(500, { seed: 13 })) {
      expect(p.price).toMatch(/^\d{1,4}\.\d{2}$/);
      expect(Number.isInteger(p.stock) && p.stock >= 0).toBe(true);
      if (p.score !== null) expect(p.score >= 0 && p.score <= 255).toBe(true);
      if (p.addedAt !== null) expect(p.addedAt.getUTCMilliseconds()).toBe(0);
      if (p.addedOn !== null) expect(p.addedOn).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
  });

  it('gives every type the JavaScript representation Drizzle uses', () => {
    for (const g of factory(gadget).build(200, { seed: 14 })) {
      expect(
        Array.isArray(g.labels) && g.labels.length > 0 && g.labels.every((l) => typeof l === 'string'),
      ).toBe(true);
      expect(typeof g.settings).toBe('object');
      expect(g.warranty).toMatch(/^\d+ days$/);
      expect(g.opensAt).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      expect(typeof g.views).toBe('bigint');
      expect(g.weight).toMatch(/^\d+\.\d{2}$/);
      expect(g.ratio).toMatch(/^0\.\d{3}$/);
      expect(Math.abs(g.latitude)).toBeLessThanOrEqual(90);
      expect(typeof g.score).toBe('number');
      expect(g.launchDate).toBeInstanceOf(Date);
      expect(g.launchDate.getTime() % 86_400_000).toBe(0);
      expect(g.dueDate > '2025-01-01' && g.dueDate <= '2026-01-02').toBe(true);
      expect(g.stampedAt.getUTCMilliseconds()).toBe(0);
      expect(g.code.length).toBeLessThanOrEqual(4);
    }
    for (const b of factory(blob).build(200, { seed: 14 })) {
      expect(b.hash.length).toBeLessThanOrEqual(8);
      expect(b.body.length).toBeLessThanOrEqual(4);
      expect(b.small).toBeGreaterThanOrEqual(0);
      if (b.modelYear !== null) expect(b.modelYear >= 1990 && b.modelYear <= 2025).toBe(true);
    }
  });

  it('makes nullable columns null at about nullRate, and never with nullRate 0', () => {
    const rows = factory(customer).build(2000, { seed: 15 });
    const share = rows.filter((r) => r.notes === null).length / rows.length;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
    const none = factory(customer).build(500, { seed: 15, nullRate: 0 });
    expect(none.some((r) => Object.values(r).includes(null))).toBe(false);
    const all = factory(customer).build(50, { seed: 15, nullRate: 1 });
    for (const r of all) {
      expect([r.phone, r.city, r.birthDate, r.creditLimit, r.notes, r.updatedAt]).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(r.email).not.toBeNull();
    }
  });
});
