import { type SQL, sql } from 'drizzle-orm';
import type { ExpressionValue } from './expression-value.js';

/**
 * `coalesce(e, fallback)`: the first value that is not null. Its type is not nullable when the
 * fallback is not, so a nullable column fits a NOT NULL target through it.
 *
 * @example
 * ```ts
 * select: { phone: coalesce(customer.phone, 'unknown') } // SQL<string>
 * ```
 */
export function coalesce<E, F>(e: E, fallback: F): SQL<NonNullable<ExpressionValue<E>> | ExpressionValue<F>> {
  return sql<NonNullable<ExpressionValue<E>> | ExpressionValue<F>>`coalesce(${e}, ${fallback})`;
}
