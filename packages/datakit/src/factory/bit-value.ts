import type { ColumnPlan } from './table-plan.js';
import type { ValueGenerator } from './value-context.js';

/** The length of the values of a `bit varying` column without a limit. */
const UNLIMITED_VARBIT = 16;

/**
 * A generator of bit strings: exactly n random bits for `bit(n)`, between 1 and n for
 * `bit varying(n)`.
 *
 * @internal
 * @example
 * ```ts
 * bitGenerator(plan.byKey.get('flags')!)(context); // bit(8) → '01101001'
 * ```
 */
export function bitGenerator(column: ColumnPlan): ValueGenerator {
  const n = column.type.length ?? (column.type.kind === 'bit' ? 1 : UNLIMITED_VARBIT);
  if (column.type.kind === 'bit') return ({ faker }) => faker.string.binary({ length: n, prefix: '' });
  return ({ faker }) => faker.string.binary({ length: { min: 1, max: n }, prefix: '' });
}
