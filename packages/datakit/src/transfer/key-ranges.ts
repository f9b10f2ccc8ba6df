import type { Connection } from '../dialect/connection.js';
import { type Bound, type ReadPlan, whereBounds } from '../dialect/source-reader.js';
import type { ColumnCodec } from '../values/column-codec.js';

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
 * for an integer key, quantiles for others where the dialect's reader has them (one range where
 * not). Every row falls in exactly one range; fewer ranges come back when the key has fewer
 * distinct values.
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
  if (key.kind === 'integer' || key.kind === 'bigint') {
    const column = a.quoteIdentifier(key.name);
    const { where, params } = whereBounds(a, bounds);
    const { rows } = await conn.query<{ lo: string | null; hi: string | null }>(
      `select ${a.castToText(`min(${column})`)} as lo, ${a.castToText(`max(${column})`)} as hi from ${a.quoteTable(table)}${where}`,
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
  const reader = conn.dialect.reader;
  if (!reader.quantiles) return [[]];
  const fractions = Array.from({ length: n - 1 }, (_, i) => (i + 1) / n);
  const cuts = await reader.quantiles(conn, table, key.name, bounds, fractions);
  return toRanges(key, [...new Set(cuts)]);
}
