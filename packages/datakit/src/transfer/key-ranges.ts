import type { Connection } from '../dialect/connection.js';
import type { ColumnCodec } from './column-codec.js';
import type { Bound, ReadPlan } from './source-reader.js';

function whereOf(conn: Connection, bounds: readonly Bound[]): { where: string; params: string[] } {
  const a = conn.dialect.adapter;
  const cast = a.family === 'mysql' ? () => '' : (b: Bound) => `::${b.column.sqlType}`;
  const conditions = bounds.map(
    (b, i) => `${a.quoteIdentifier(b.column.name)} ${b.op} ${a.placeholder(i + 1)}${cast(b)}`,
  );
  return {
    where: conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '',
    params: bounds.map((b) => b.value),
  };
}

function toRanges(key: ColumnCodec, cuts: readonly string[]): Bound[][] {
  const ranges: Bound[][] = [];
  for (let i = 0; i <= cuts.length; i++) {
    const range: Bound[] = [];
    if (i > 0) range.push({ column: key, op: '>=', value: cuts[i - 1] as string });
    if (i < cuts.length) range.push({ column: key, op: '<', value: cuts[i] as string });
    ranges.push(range);
  }
  return ranges;
}

/**
 * Splits the rows within `bounds` into up to `n` ranges of `key`: even steps between min and max
 * for an integer key, quantiles (PostgreSQL `percentile_disc`) for others. Every row falls in
 * exactly one range; fewer ranges come back when the key has fewer distinct values.
 *
 * @example
 * ```ts
 * await keyRanges(tx, { name: 'orders' }, idCodec, [], 4); // [[id < 250], [id >= 250, id < 500], ...]
 * ```
 * @internal
 */
export async function keyRanges(
  conn: Connection,
  table: ReadPlan['table'],
  key: ColumnCodec,
  bounds: readonly Bound[],
  n: number,
): Promise<Bound[][]> {
  const a = conn.dialect.adapter;
  const column = a.quoteIdentifier(key.name);
  const { where, params } = whereOf(conn, bounds);
  const from = `${a.quoteTable(table)}${where}`;
  if (key.kind === 'integer' || key.kind === 'bigint') {
    const text = a.family === 'mysql' ? (e: string) => `cast(${e} as char)` : (e: string) => `(${e})::text`;
    const { rows } = await conn.query<{ lo: string | null; hi: string | null }>(
      `select ${text(`min(${column})`)} as lo, ${text(`max(${column})`)} as hi from ${from}`,
      params,
    );
    const lo = rows[0]?.lo;
    const hi = rows[0]?.hi;
    if (lo == null || hi == null) return [[]];
    const low = BigInt(lo);
    const span = BigInt(hi) - low + 1n;
    const parts = span < BigInt(n) ? Number(span) : n;
    const cuts = Array.from({ length: parts - 1 }, (_, i) =>
      (low + (span * BigInt(i + 1)) / BigInt(parts)).toString(),
    );
    return toRanges(key, cuts);
  }
  if (a.family !== 'postgresql') return [[]];
  const fractions = Array.from({ length: n - 1 }, (_, i) => (i + 1) / n);
  const { rows } = await conn.query<{ cuts: string[] | null }>(
    `select (percentile_disc(${a.placeholder(params.length + 1)}::float8[]) within group (order by ${column}))::text[] as cuts from ${from}`,
    [...params, `{${fractions.join(',')}}`],
  );
  const cuts = [...new Set(rows[0]?.cuts ?? [])];
  return toRanges(key, cuts);
}
