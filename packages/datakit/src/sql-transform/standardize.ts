import { type SQL, sql } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import type { ExpressionValue } from './expression-value.js';

/**
 * Maps source values to standard ones: `case e when 'M' then 'male' ... else <otherwise> end`
 * (every value a parameter). Values not in the mapping become `otherwise` (default: the value
 * itself; pass `null` to blank them, which a NOT NULL target then rejects).
 *
 * @example
 * ```ts
 * select: { status: standardize(lower(trim(customer.status)), { act: 'active', 'on hold': 'paused' } as const, null) }
 * ```
 */
export function standardize<E, const M extends Readonly<Record<string, string | number | boolean>>, O = E>(
  e: E,
  mapping: M,
  ...otherwise: [O?]
): SQL<M[keyof M] | ExpressionValue<O>> {
  const entries = Object.entries(mapping);
  if (entries.length === 0) {
    throw new DatakitError('USAGE', 'standardize needs at least one mapping', {
      hint: "Map source values to standard ones: standardize(e, { 'M': 'male', 'F': 'female' }).",
    });
  }
  const cases = sql.join(
    entries.map(([from, to]) => sql`when ${from} then ${to}`),
    sql` `,
  );
  const fallback = otherwise.length > 0 ? otherwise[0] : e;
  // A simple CASE evaluates `e` once, however many values the mapping has.
  return sql<M[keyof M] | ExpressionValue<O>>`(case ${e} ${cases} else ${fallback ?? null} end)`;
}
