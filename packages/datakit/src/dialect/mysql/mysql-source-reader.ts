import type { DecodedRow } from '../../values/copy-text-decoder.js';
import { readCarefully } from '../../values/unreadable-value.js';
import { compileRowConverter } from '../compile-row-converter.js';
import type { Connection } from '../connection.js';
import { type ReadPlan, type SourceBatch, type SourceReader, whereBounds } from '../source-reader.js';
import { withSourceTexts } from '../with-source-texts.js';
import { mysqlValueDecoder } from './mysql-value-decoder.js';

const GEOMETRY =
  /^(geometry|point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection)\b/i;

/**
 * The select-list expression that reads `column` as {@link mysqlValueDecoder} expects: the column
 * itself; for DOUBLE its shortest exact text (mysql2's own float parser rounds some 16-digit
 * values); for FLOAT the text of its exact value as a double (the text protocol prints floats
 * with 6 digits: 16777216 arrives as 16777200); for a spatial type its WKT text (the driver would
 * parse the binary form into objects). `alias` names the result (default: the column).
 *
 * @example
 * ```ts
 * mysqlReadExpression(shapeCodec.sqlType, '`shape`'); // 'ST_AsText(`shape`) as `shape`'
 * ```
 * @internal
 */
export function mysqlReadExpression(sqlType: string, quoted: string, alias = quoted): string {
  if (/^(double|real)\b/i.test(sqlType)) return `cast(${quoted} as char) as ${alias}`;
  if (/^float\b/i.test(sqlType)) return `cast(cast(${quoted} as double) as char) as ${alias}`;
  if (GEOMETRY.test(sqlType)) return `ST_AsText(${quoted}) as ${alias}`;
  return alias === quoted ? quoted : `${quoted} as ${alias}`;
}

/** Reads through the driver's row stream; values are normalized to what the Drizzle column promises. */
async function* readRows(tx: Connection, plan: ReadPlan): AsyncGenerator<SourceBatch> {
  const a = tx.dialect.adapter;
  const { where, params } = whereBounds(a, plan.bounds);
  const decoders = plan.codecs.map((c) => mysqlValueDecoder(c.column, c.kind, c.fromText));
  const convert = compileRowConverter(plan.codecs, decoders, 'index');
  const zeroDates = plan.zeroDates ?? 'reject';
  const read = (r: unknown[]): DecodedRow => {
    try {
      return convert(r as unknown as Record<string, unknown>);
    } catch {
      return readCarefully(plan.codecs, decoders, (_, i) => r[i], zeroDates);
    }
  };
  // Positional aliases: rows are read as arrays, and mysql2 refuses a field named `__proto__`.
  const columns = plan.codecs.map((c, i) =>
    mysqlReadExpression(c.sqlType, a.quoteIdentifier(c.name), a.quoteIdentifier(`c${i}`)),
  );
  const sql = `select ${columns.join(', ')} from ${a.quoteTable(plan.table)}${where}`;
  for await (const rows of tx.stream<unknown[]>(sql, params, { batchSize: plan.batchSize, rowMode: 'array' }))
    yield withSourceTexts(rows.map(read), (r, i) => rows[r]?.[i], plan.codecs);
}

/**
 * The MySQL/MariaDB source reader: no session setup, `information_schema` estimates, and rows
 * through mysql2's row stream decoded by {@link mysqlValueDecoder} (zero dates rejected or read
 * as NULL). No snapshots to share, quantiles or live-column guarantees.
 *
 * @example
 * ```ts
 * for await (const batch of mysqlReader.read(tx, plan)) process(batch);
 * ```
 * @internal
 */
export const mysqlReader: SourceReader<Connection> = {
  async begin() {},
  async estimateRows(tx, table) {
    const { rows } = await tx.query<{ n: string | number | null }>(
      'select table_rows as n from information_schema.tables where table_schema = coalesce(?, database()) and table_name = ?',
      [table.schema ?? null, table.name],
    );
    const n = Number(rows[0]?.n ?? Number.NaN);
    return n > 0 ? n : undefined;
  },
  read: readRows,
};
