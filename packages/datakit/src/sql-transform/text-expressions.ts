import { type SQL, sql } from 'drizzle-orm';
import type { ExpressionValue } from './expression-value.js';

/**
 * `T`, or `T | null` when the expression `E` may be null: helpers keep their input's nullability.
 *
 * @example
 * ```ts
 * type A = KeepNull<typeof customer.email, string>; // string | null when email is nullable
 * ```
 */
export type KeepNull<E, T> = null extends ExpressionValue<E> ? T | null : T;

/**
 * `trim(e)`: leading and trailing spaces removed; null stays null.
 *
 * @example
 * ```ts
 * select: { name: trim(customer.name) }
 * ```
 */
export function trim<E>(e: E): SQL<KeepNull<E, string>> {
  return sql<KeepNull<E, string>>`trim(${e})`;
}

/**
 * `lower(e)`.
 *
 * @example
 * ```ts
 * select: { email: lower(trim(customer.email)) }
 * ```
 */
export function lower<E>(e: E): SQL<KeepNull<E, string>> {
  return sql<KeepNull<E, string>>`lower(${e})`;
}

/**
 * `upper(e)`.
 *
 * @example
 * ```ts
 * select: { country: upper(address.country) }
 * ```
 */
export function upper<E>(e: E): SQL<KeepNull<E, string>> {
  return sql<KeepNull<E, string>>`upper(${e})`;
}

/**
 * `nullif(trim(e), '')`: blank text becomes null (so a NOT NULL target rejects it, and an optional
 * column stores null rather than spaces).
 *
 * @example
 * ```ts
 * select: { phone: nullIfBlank(customer.phone) }
 * ```
 */
export function nullIfBlank<E>(e: E): SQL<string | null> {
  return sql<string | null>`nullif(trim(${e}), '')`;
}
