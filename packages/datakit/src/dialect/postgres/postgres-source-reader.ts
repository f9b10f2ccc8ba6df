import { createCopyTextDecoder } from '../../values/copy-text-decoder.js';
import { compileRowConverter } from '../compile-row-converter.js';
import type { Connection } from '../connection.js';
import type { TableRef } from '../ddl-compiler.js';
import {
  type Bound,
  type LiveColumn,
  type ReadPlan,
  type SourceBatch,
  type SourceReader,
  whereBounds,
} from '../source-reader.js';
import { withSourceTexts } from '../with-source-texts.js';
import { parsePostgresType } from './postgres-parse-sql-type.js';

/** Session settings that make PostgreSQL's text output exact and independent of the server's configuration. */
const READ_SETTINGS = [
  `set local timezone = 'UTC'`,
  `set local datestyle = 'ISO, MDY'`,
  `set local intervalstyle = 'postgres'`,
  `set local bytea_output = 'hex'`,
  `set local extra_float_digits = 1`,
];

/**
 * Reads with `COPY (SELECT ...) TO STDOUT` and the text decoder. COPY takes no parameters, so
 * bound values become literals quoted by the server (`quote_literal`).
 */
async function* readCopy(tx: Connection, plan: ReadPlan): AsyncGenerator<SourceBatch> {
  const q = (name: string) => tx.dialect.adapter.quoteIdentifier(name);
  const conditions: string[] = [];
  for (const b of plan.bounds) {
    const { rows } = await tx.query<{ l: string }>('select quote_literal($1::text) as l', [b.value]);
    conditions.push(`${q(b.column.name)} ${b.op} ${rows[0]?.l}::${b.column.sqlType}`);
  }
  const where = conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '';
  const select = `select ${plan.codecs.map((c) => q(c.name)).join(', ')} from ${tx.dialect.adapter.quoteTable(plan.table)}${where}`;
  const decoder = createCopyTextDecoder(plan.codecs, plan.integerText);
  for await (const chunk of (tx.copyTo as NonNullable<Connection['copyTo']>)(`copy (${select}) to stdout`)) {
    const batch = decoder.push(chunk);
    if (batch.rows.length > 0) yield batch;
  }
  decoder.end();
}

/** Reads without COPY (PGlite): every column as `::text` through a cursor, decoded by the same codecs as COPY text. */
async function* readText(tx: Connection, plan: ReadPlan): AsyncGenerator<SourceBatch> {
  const a = tx.dialect.adapter;
  const { where, params } = whereBounds(a, plan.bounds);
  const columns = plan.codecs
    .map((c) => `${a.quoteIdentifier(c.name)}::text as ${a.quoteIdentifier(c.key)}`)
    .join(', ');
  const convert = compileRowConverter(
    plan.codecs,
    plan.codecs.map((c) => c.fromText),
    'key',
  );
  const sql = `select ${columns} from ${a.quoteTable(plan.table)}${where}`;
  const keys = plan.codecs.map((c) => c.key);
  for await (const rows of tx.stream(sql, params, { batchSize: plan.batchSize }))
    yield withSourceTexts(rows.map(convert), (r, i) => rows[r]?.[keys[i] as string], plan.codecs);
}

async function quantiles(
  tx: Connection,
  table: TableRef,
  column: string,
  bounds: readonly Bound[],
  fractions: readonly number[],
): Promise<string[]> {
  const a = tx.dialect.adapter;
  const { where, params } = whereBounds(a, bounds);
  const { rows } = await tx.query<{ cuts: string[] | null }>(
    `select (percentile_disc(${a.placeholder(params.length + 1)}::float8[]) within group (order by ${a.quoteIdentifier(column)}))::text[] as cuts from ${a.quoteTable(table)}${where}`,
    [...params, `{${fractions.join(',')}}`],
  );
  return rows[0]?.cuts ?? [];
}

async function liveColumns(tx: Connection, table: TableRef): Promise<LiveColumn[]> {
  const { rows } = await tx.query<{ name: string; type: string; not_null: boolean }>(
    `select attname as name, format_type(atttypid, atttypmod) as type, attnotnull as not_null
     from pg_attribute where attrelid = to_regclass($1) and attnum > 0 and not attisdropped`,
    [tx.dialect.adapter.quoteTable(table)],
  );
  return rows.map((r) => ({ name: r.name, type: parsePostgresType(r.type), notNull: r.not_null }));
}

/**
 * The PostgreSQL family's source reader (PostgreSQL and PGlite): settings that make text output
 * exact, REPEATABLE READ with a shared exported snapshot for partitions, `pg_class` estimates,
 * `percentile_disc` key quantiles, `pg_attribute` live columns, and rows by COPY text where the
 * connection has it, else `::text` through a cursor.
 *
 * @example
 * ```ts
 * await postgresReader.begin(tx, { parallel: false });
 * for await (const batch of postgresReader.read(tx, plan)) process(batch);
 * ```
 * @internal
 */
export const postgresReader: SourceReader<Connection> = {
  async begin(tx, { parallel, snapshot }) {
    if (parallel) await tx.query('set transaction isolation level repeatable read');
    if (snapshot) await tx.query(`set transaction snapshot ${tx.dialect.adapter.quoteString(snapshot)}`);
    for (const sql of READ_SETTINGS) await tx.query(sql);
  },
  async exportSnapshot(tx) {
    return (await tx.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id;
  },
  async estimateRows(tx, table) {
    const { rows } = await tx.query<{ n: string | number | null }>(
      'select greatest(reltuples, 0)::bigint as n from pg_class where oid = to_regclass($1)',
      [tx.dialect.adapter.quoteTable(table)],
    );
    const n = Number(rows[0]?.n ?? Number.NaN);
    return n > 0 ? n : undefined;
  },
  quantiles,
  liveColumns,
  read: (tx, plan) =>
    tx.dialect.adapter.supportsCopy && tx.copyTo ? readCopy(tx, plan) : readText(tx, plan),
};
