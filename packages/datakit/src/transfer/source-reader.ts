import type { Connection } from '../dialect/connection.js';
import type { ColumnCodec } from './column-codec.js';
import { createCopyTextDecoder, type DecodedRow } from './copy-text-decoder.js';
import { mysqlReadExpression } from './mysql-value-decoder.js';
import type { SourceBatch } from './row-processor.js';
import { readCarefully, type ZeroDates } from './unreadable-value.js';

/**
 * A bound on one column: `"column" <op> value`, the value in the column type's text form. @internal
 *
 * @example
 * ```ts
 * const after: Bound = { column: updatedAt, op: '>', value: '2024-05-01 10:00:00+00' };
 * ```
 */
export interface Bound {
  column: ColumnCodec;
  op: '>' | '>=' | '<' | '<=';
  value: string;
}

/**
 * What to read: a table's columns, with optional bounds (cursor, key range). @internal
 *
 * @example
 * ```ts
 * const plan: ReadPlan = { table: { name: 'orders' }, codecs, bounds: [], batchSize: 1000, integerText: new Set() };
 * ```
 */
export interface ReadPlan {
  table: { schema?: string; name: string };
  codecs: readonly ColumnCodec[];
  bounds: readonly Bound[];
  /** Rows per batch for cursor-based reads (not COPY). */
  batchSize: number;
  /** Columns whose live type guarantees integer text (see `liveColumns`). */
  integerText: ReadonlySet<string>;
  /** MySQL zero dates: reject the row (default) or read NULL. */
  zeroDates?: ZeroDates;
}

/**
 * Session settings that make PostgreSQL's text output exact and independent of the server's configuration.
 *
 * @example
 * ```ts
 * for (const sql of PG_READ_SETTINGS) await tx.query(sql);
 * ```
 */
export const PG_READ_SETTINGS = [
  `set local timezone = 'UTC'`,
  `set local datestyle = 'ISO, MDY'`,
  `set local intervalstyle = 'postgres'`,
  `set local bytea_output = 'hex'`,
  `set local extra_float_digits = 1`,
];

function quoteTable(conn: Connection, table: ReadPlan['table']): string {
  return conn.dialect.adapter.quoteTable(table);
}

/**
 * Reads with `COPY (SELECT ...) TO STDOUT` and the text decoder (PostgreSQL). COPY takes no
 * parameters, so bound values become literals quoted by the server (`quote_literal`).
 * @internal
 */
export async function* readPgCopy(tx: Connection, plan: ReadPlan): AsyncGenerator<SourceBatch> {
  const q = (name: string) => tx.dialect.adapter.quoteIdentifier(name);
  const conditions: string[] = [];
  for (const b of plan.bounds) {
    const { rows } = await tx.query<{ l: string }>('select quote_literal($1::text) as l', [b.value]);
    conditions.push(`${q(b.column.name)} ${b.op} ${rows[0]?.l}::${b.column.sqlType}`);
  }
  const where = conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '';
  const select = `select ${plan.codecs.map((c) => q(c.name)).join(', ')} from ${quoteTable(tx, plan.table)}${where}`;
  const decoder = createCopyTextDecoder(plan.codecs, plan.integerText);
  for await (const chunk of (tx.copyTo as NonNullable<Connection['copyTo']>)(`copy (${select}) to stdout`)) {
    const batch = decoder.push(chunk);
    if (batch.rows.length > 0) yield batch;
  }
  decoder.end();
}

function compileRowConverter(
  codecs: readonly ColumnCodec[],
  from: 'text' | 'driver',
): (row: Record<string, unknown>) => DecodedRow {
  // Text rows are objects keyed like the codecs; driver rows are arrays in select-list order.
  const fields = codecs.map(
    (c, i) =>
      `${JSON.stringify(c.key)}: (v = r[${from === 'text' ? JSON.stringify(c.key) : i}]) == null ? null : f${i}(v)`,
  );
  const body = `return function convert(r) { let v; return { ${fields.join(', ')} }; };`;
  const fns = codecs.map((c) => (from === 'text' ? c.fromText : c.fromDriver));
  return new Function(...fns.map((_, i) => `f${i}`), body)(...fns) as (
    row: Record<string, unknown>,
  ) => DecodedRow;
}

/**
 * A batch of converted rows with what reject messages and exact JSON need from the source rows:
 * `originals` (the driver's value of row r, column i) and, with json columns, the decoded values
 * and the source text of each json value (see `SourceBatch`), so unchanged JSON primitives are
 * written exactly.
 */
function withSourceTexts(
  rows: DecodedRow[],
  originals: (row: number, column: number) => unknown,
  codecs: readonly ColumnCodec[],
): SourceBatch {
  const json = codecs.flatMap((c, i) => (c.kind === 'json' ? [i] : []));
  if (json.length === 0) return { rows, originals };
  const width = codecs.length + 1;
  const values: unknown[] = new Array(rows.length * width);
  const raw: (string | null | undefined)[] = new Array(rows.length * width);
  rows.forEach((row, r) => {
    codecs.forEach((c, i) => {
      values[r * width + i] = row[c.key];
    });
    for (const i of json) {
      const original = originals(r, i);
      raw[r * width + i] =
        original == null
          ? null
          : typeof original === 'string'
            ? original
            : original instanceof Uint8Array
              ? Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('utf8')
              : undefined;
    }
  });
  return { rows, values, raw, originals };
}

function placeholders(conn: Connection, plan: ReadPlan, cast: boolean): { where: string; params: string[] } {
  const a = conn.dialect.adapter;
  const params = plan.bounds.map((b) => b.value);
  const conditions = plan.bounds.map(
    (b, i) =>
      `${a.quoteIdentifier(b.column.name)} ${b.op} ${a.placeholder(i + 1)}${cast ? `::${b.column.sqlType}` : ''}`,
  );
  return { where: conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '', params };
}

/**
 * Reads a PostgreSQL-family source without COPY (PGlite): every column as `::text` through a
 * cursor, decoded by the same codecs as COPY text.
 * @internal
 */
export async function* readPgText(tx: Connection, plan: ReadPlan): AsyncGenerator<SourceBatch> {
  const q = (name: string) => tx.dialect.adapter.quoteIdentifier(name);
  const { where, params } = placeholders(tx, plan, true);
  const columns = plan.codecs.map((c) => `${q(c.name)}::text as ${q(c.key)}`).join(', ');
  const convert = compileRowConverter(plan.codecs, 'text');
  const sql = `select ${columns} from ${quoteTable(tx, plan.table)}${where}`;
  const keys = plan.codecs.map((c) => c.key);
  for await (const rows of tx.stream(sql, params, { batchSize: plan.batchSize }))
    yield withSourceTexts(rows.map(convert), (r, i) => rows[r]?.[keys[i] as string], plan.codecs);
}

/**
 * Reads a MySQL/MariaDB source through the driver's row stream; values are normalized to what
 * the Drizzle column promises (`fromDriver`).
 * @internal
 */
export async function* readDriverRows(tx: Connection, plan: ReadPlan): AsyncGenerator<SourceBatch> {
  const q = (name: string) => tx.dialect.adapter.quoteIdentifier(name);
  const { where, params } = placeholders(tx, plan, false);
  const convert = compileRowConverter(plan.codecs, 'driver');
  const zeroDates = plan.zeroDates ?? 'reject';
  const read = (r: unknown[]): DecodedRow => {
    try {
      return convert(r as unknown as Record<string, unknown>);
    } catch {
      return readCarefully(plan.codecs, (_, i) => r[i], zeroDates);
    }
  };
  // Positional aliases: rows are read as arrays, and mysql2 refuses a field named `__proto__`.
  const columns = plan.codecs.map((c, i) => mysqlReadExpression(c.sqlType, q(c.name), q(`c${i}`)));
  const sql = `select ${columns.join(', ')} from ${quoteTable(tx, plan.table)}${where}`;
  for await (const rows of tx.stream<unknown[]>(sql, params, { batchSize: plan.batchSize, rowMode: 'array' }))
    yield withSourceTexts(rows.map(read), (r, i) => rows[r]?.[i], plan.codecs);
}

/**
 * The reader for a source connection, chosen by its adapter's capabilities.
 *
 * @example
 * ```ts
 * for await (const batch of readSource(tx, plan)) process(batch);
 * ```
 * @internal
 */
export function readSource(tx: Connection, plan: ReadPlan): AsyncGenerator<SourceBatch> {
  const adapter = tx.dialect.adapter;
  if (adapter.family === 'mysql') return readDriverRows(tx, plan);
  if (adapter.supportsCopy && tx.copyTo) return readPgCopy(tx, plan);
  return readPgText(tx, plan);
}
