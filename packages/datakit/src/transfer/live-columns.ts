import type { Connection } from '../dialect/connection.js';
import { compareColumnTypes } from '../drift/compare-column-types.js';
import { parseSqlType } from '../schema/parse-sql-type.js';
import type { ColumnKind } from '../schema/table-schema.js';
import type { ColumnCodec } from './column-codec.js';

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
 * Compares the live PostgreSQL columns of the source table with its contract. Source validation
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
  if (tx.dialect.adapter.family !== 'postgresql') return NONE;
  let rows: { name: string; type: string; not_null: boolean }[];
  try {
    ({ rows } = await tx.query<{ name: string; type: string; not_null: boolean }>(
      `select attname as name, format_type(atttypid, atttypmod) as type, attnotnull as not_null
       from pg_attribute where attrelid = to_regclass($1) and attnum > 0 and not attisdropped`,
      [tx.dialect.adapter.quoteTable(table)],
    ));
  } catch {
    return NONE;
  }
  const live = new Map(rows.map((r) => [r.name, r]));
  const integerText = new Set<string>();
  const guaranteed = new Set<string>();
  for (const codec of codecs) {
    const column = live.get(codec.name);
    if (!column) continue;
    const liveType = parseSqlType(column.type, 'postgresql');
    const contract = parseSqlType(codec.sqlType, 'postgresql');
    if (INTEGERS.has(liveType.kind) && !liveType.dimensions && codec.kind === 'integer')
      integerText.add(codec.key);
    const fits = ['same', 'widened'].includes(compareColumnTypes(liveType, contract));
    const enforced =
      ENFORCED.has(contract.kind) &&
      ENFORCED.has(liveType.kind) &&
      !codec.column.enumValues?.length &&
      (contract.kind !== 'numeric' || codec.kind === 'string');
    const nullable = !codec.notNull || column.not_null;
    if (fits && enforced && nullable && codec.column.columnType !== 'PgCustomColumn')
      guaranteed.add(codec.key);
  }
  return { integerText, guaranteed };
}
