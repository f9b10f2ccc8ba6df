import type { Connection } from '../dialect/connection.js';
import type { LiveColumn } from '../dialect/source-reader.js';
import { compareColumnTypes } from '../drift/compare-column-types.js';
import type { ColumnKind } from '../schema/table-schema.js';
import type { ColumnCodec } from '../values/column-codec.js';

/**
 * What the live source columns guarantee, by codec key. @internal
 *
 * @example
 * ```ts
 * if (live.guaranteed.has('customer_id')) skipCheck('customer_id');
 * ```
 */
export interface LiveColumns {
  /** Columns whose text is always a well-formed integer (the fast decoder may parse it without checks). */
  integerText: ReadonlySet<string>;
  /** Columns whose every value already passes the contract's rules: the database enforces them. */
  guaranteed: ReadonlySet<string>;
}

const INTEGERS: ReadonlySet<ColumnKind> = new Set(['smallint', 'integer', 'bigint']);
// Rules of these kinds follow from the SQL type alone; dates (infinity in Date mode), enums (value
// lists), 53-bit bigints and numbers from numeric (NaN) need their checks.
const ENFORCED: ReadonlySet<ColumnKind> = new Set([
  'smallint',
  'integer',
  'numeric',
  'text',
  'varchar',
  'char',
  'uuid',
  'boolean',
  'json',
  'jsonb',
]);

const NONE: LiveColumns = { integerText: new Set(), guaranteed: new Set() };

/**
 * Compares the live columns of the source table (where its dialect's reader has them: the
 * PostgreSQL family) with its contract. Source validation
 * then only checks what the database does not already guarantee (a NOT NULL `integer` column
 * cannot hold a null, a fraction or an out-of-range value), and a column that drifted keeps every
 * check. Any catalog problem means "guarantees nothing".
 *
 * @example
 * ```ts
 * const live = await liveColumns(tx, { schema: 'crm', name: 'customer' }, codecs);
 * live.guaranteed.has('customer_id'); // true when it is integer NOT NULL in the database too
 * ```
 * @internal
 */
export async function liveColumns(
  tx: Connection,
  table: { schema?: string; name: string },
  codecs: readonly ColumnCodec[],
): Promise<LiveColumns> {
  const reader = tx.dialect.reader;
  if (!reader.liveColumns) return NONE;
  let columns: LiveColumn[];
  try {
    columns = await reader.liveColumns(tx, table);
  } catch {
    return NONE;
  }
  const live = new Map(columns.map((c) => [c.name, c]));
  const integerText = new Set<string>();
  const guaranteed = new Set<string>();
  for (const codec of codecs) {
    const column = live.get(codec.name);
    if (!column) continue;
    const liveType = column.type;
    const contract = tx.dialect.family.parseSqlType(codec.sqlType);
    if (INTEGERS.has(liveType.kind) && !liveType.dimensions && codec.kind === 'integer')
      integerText.add(codec.key);
    const fits = ['same', 'widened'].includes(compareColumnTypes(liveType, contract));
    const enforced =
      ENFORCED.has(contract.kind) &&
      ENFORCED.has(liveType.kind) &&
      !codec.column.enumValues?.length &&
      (contract.kind !== 'numeric' || codec.kind === 'string');
    const nullable = !codec.notNull || column.notNull;
    // A custom column maps values in JavaScript: what the database enforces says nothing of them.
    if (fits && enforced && nullable && codec.column.dataType !== 'custom') guaranteed.add(codec.key);
  }
  return { integerText, guaranteed };
}
