import { randomBytes } from 'node:crypto';
import type { Connection } from '../../src/dialect/connection.js';

/**
 * One column compared between a MariaDB source and a PostgreSQL-family target: each side's SQL
 * expression spells the value as the same canonical text (`{}` stands for the quoted column).
 * `type` is the PostgreSQL type both texts are parsed into before comparing (default `text`).
 */
export interface ComparedColumn {
  name: string;
  mysql: string;
  pg: string;
  type?: string;
}

/** Rows only on one side, as row text, and the columns whose values differ for the same key. */
export interface SqlDifference {
  missing: string[];
  extra: string[];
  /** One example per column: `name: expected <> actual`. */
  columns: string[];
}

const fill = (template: string, column: string, quote: (n: string) => string) =>
  template.replaceAll('{}', quote(column));

/**
 * Reads the source rows as canonical text in MariaDB, stores them in a scratch table of the
 * target, and compares in SQL both ways (`EXCEPT` in each direction): `missing` are source rows
 * the target lacks, `extra` target rows the source lacks.
 */
export async function diffInSql(
  source: Connection,
  sourceTable: string,
  target: Connection,
  targetTable: string,
  columns: readonly ComparedColumn[],
  key = 'id',
): Promise<SqlDifference> {
  const mq = (n: string) => `\`${n}\``;
  const pq = (n: string) => `"${n}"`;
  const { rows } = await source.query<Record<string, string | null>>(
    `select cast(${mq(key)} as char) as k, ${columns
      .map((c, i) => `${fill(c.mysql, c.name, mq)} as c${i}`)
      .join(', ')} from ${mq(sourceTable)}`,
  );
  const scratch = `expected_${randomBytes(4).toString('hex')}`;
  await target.query(
    `create table ${scratch} (k text, ${columns.map((c, i) => `c${i} ${c.type ?? 'text'}`).join(', ')})`,
  );
  try {
    const width = columns.length + 1;
    for (let from = 0; from < rows.length; from += 200) {
      const chunk = rows.slice(from, from + 200);
      const params = chunk.flatMap((r) => [r.k, ...columns.map((_, i) => toText(r[`c${i}`]))]);
      const values = chunk.map(
        (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
      );
      await target.query(`insert into ${scratch} values ${values.join(', ')}`, params);
    }
    const actual = `select ${pq(key)}::text as k, ${columns
      .map((c, i) => `(${fill(c.pg, c.name, pq)})::${c.type ?? 'text'} as c${i}`)
      .join(', ')} from ${targetTable}`;
    const expected = `select * from ${scratch}`;
    const lines = async (sql: string) =>
      (await target.query<{ r: string }>(`select t::text as r from (${sql}) t`)).rows.map((r) => r.r).sort();
    const differing = await target.query<{ c: string | null }>(
      `select distinct unnest(array[${columns
        .map(
          (c, i) =>
            `case when e.c${i} is distinct from a.c${i} then '${c.name}: ' || coalesce(e.c${i}::text, 'NULL') || ' <> ' || coalesce(a.c${i}::text, 'NULL') end`,
        )
        .join(', ')}]) as c from ${scratch} e full join (${actual}) a using (k)`,
    );
    const byColumn = new Map<string, string>();
    for (const { c } of differing.rows) if (c) byColumn.set(c.slice(0, c.indexOf(':')), c);
    return {
      missing: await lines(`${expected} except ${actual}`),
      extra: await lines(`${actual} except ${expected}`),
      columns: [...byColumn.values()].sort(),
    };
  } finally {
    await target.query(`drop table ${scratch}`);
  }
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

/**
 * Runs `fn` with `process.env.TZ` set to `zone` (Node applies a changed TZ at once).
 *
 * @example
 * ```ts
 * await inTimeZone('Asia/Kolkata', () => transfer(options));
 * ```
 */
export async function inTimeZone<T>(zone: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}
