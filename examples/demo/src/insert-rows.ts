import type { Connection, TableSchema } from 'datakit-warehouse';
import { getTableColumns, type Table } from 'drizzle-orm';

/** Bound parameters per statement: far below PostgreSQL's 65,535 and MySQL's prepared limit. */
const MAX_PARAMS = 4000;

/**
 * Inserts factory rows (keyed like the Drizzle table's columns) into `schema` (the table as
 * created in this database) with batched multi-row parameterised INSERTs, each
 * batch as large as the parameter budget allows, in one transaction. Dates, JSON objects and
 * booleans are passed as values the driver of each dialect understands. Returns the row count.
 *
 * @example
 * ```ts
 * await insertRows(conn, customer, systemA.schemaOf('customer'), customers);
 * ```
 */
export async function insertRows(
  conn: Connection,
  contract: Table,
  table: TableSchema,
  rows: readonly Record<string, unknown>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const keyOf = new Map(Object.entries(getTableColumns(contract)).map(([key, column]) => [column.name, key]));
  const a = conn.dialect.adapter;
  const columns = table.columns.filter((c) => c.generated === undefined);
  const perBatch = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO ${a.quoteTable(table)} (${columns.map((c) => a.quoteIdentifier(c.name)).join(', ')}) VALUES `;
  const encoders = columns.map((c) => encoderFor(c.type.kind));
  await conn.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += perBatch) {
      const batch = rows.slice(start, start + perBatch);
      const params: unknown[] = [];
      const tuples = batch.map((row) => {
        const slots = columns.map((c, i) => {
          params.push((encoders[i] as Encoder)(row[keyOf.get(c.name) ?? c.name]));
          return a.placeholder(params.length);
        });
        return `(${slots.join(', ')})`;
      });
      await tx.query(head + tuples.join(', '), params);
    }
  });
  return rows.length;
}

type Encoder = (value: unknown) => unknown;

const asIs: Encoder = (value) => value ?? null;

function encoderFor(kind: string): Encoder {
  if (kind === 'json' || kind === 'jsonb') {
    return (value) => (value === null || value === undefined ? null : JSON.stringify(value));
  }
  return asIs;
}
