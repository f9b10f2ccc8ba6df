import { type SQL, sql } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import type { KeepNull } from './text-expressions.js';

const TYPE_NAME = /^[a-z_][a-z0-9_ ]*(\(\d+(\s*,\s*\d+)?\))?(\[\])?$/i;

/**
 * `cast(e as <type>)`, typed as `T` (null stays null). The type is a PostgreSQL type name such as
 * `integer`, `numeric(12,2)`, `date`; anything else is refused (it is written into the SQL).
 * A value the type cannot hold fails the whole statement: guard it with a rule first.
 *
 * @example
 * ```ts
 * select: { quantity: castTo<number>(line.quantity_text, 'integer') }
 * rules: [{ name: 'quantity-number', check: sql`${line.quantity_text} ~ '^[0-9]+$'`, message: 'quantity is not a number' }]
 * ```
 */
export function castTo<T, E = unknown>(e: E, type: string): SQL<KeepNull<E, T>> {
  if (!TYPE_NAME.test(type.trim())) {
    throw new DatakitError('USAGE', `castTo: "${type}" is not a type name`, {
      hint: "Give a PostgreSQL type name such as 'integer', 'numeric(12,2)', 'date' or 'text[]'.",
    });
  }
  return sql<KeepNull<E, T>>`cast(${e} as ${sql.raw(type.trim())})`;
}
