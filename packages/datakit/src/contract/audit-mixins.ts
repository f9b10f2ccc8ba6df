import { sql } from 'drizzle-orm';
import { date, timestamp } from 'drizzle-orm/pg-core';
import { tstzrange } from './tstzrange.js';

/** `systime tstzrange not null default tstzrange(now(), 'infinity')`: when the row version is valid. */
function systime() {
  return tstzrange('systime').notNull().default(sql`tstzrange(now(), 'infinity')`);
}

/**
 * Audit columns of transactional tables (orders, payments): `created_at` and `updated_at`
 * (timestamptz not null default now()) and `systime`. Spread them into a table's columns; each call
 * returns fresh column builders, so one mixin can serve many tables.
 *
 * @example
 * ```ts
 * export const customer = pgTable('customer', { id: integer().primaryKey(), ...transactional() });
 * ```
 */
export function transactional() {
  return {
    created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    systime: systime(),
  };
}

/**
 * Audit columns of reference data (countries, product categories): `inactivated_date` (date,
 * null while the entry is active; Drizzle's default string mode, 'YYYY-MM-DD') and `systime`.
 *
 * @example
 * ```ts
 * export const country = pgTable('country', { code: char({ length: 2 }).primaryKey(), ...reference() });
 * ```
 */
export function reference() {
  return {
    inactivated_date: date('inactivated_date'),
    systime: systime(),
  };
}

/**
 * Audit columns of temporal facts (prices, balances as of a time): `effective_time` (timestamptz
 * not null, no default: the source says when the fact took effect) and `systime`.
 *
 * @example
 * ```ts
 * export const price = pgTable('price', { product_id: integer().notNull(), amount: numeric({ precision: 12, scale: 2 }), ...temporal() });
 * ```
 */
export function temporal() {
  return {
    effective_time: timestamp('effective_time', { withTimezone: true }).notNull(),
    systime: systime(),
  };
}
