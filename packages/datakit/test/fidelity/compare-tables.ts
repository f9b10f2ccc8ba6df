import type { Connection } from '../../src/dialect/connection.js';

/** Session settings under which both sides print values the same way (as the transfer reads them). */
const TEXT_SETTINGS = [
  `set timezone = 'UTC'`,
  `set datestyle = 'ISO, MDY'`,
  `set intervalstyle = 'postgres'`,
  `set bytea_output = 'hex'`,
  `set extra_float_digits = 1`,
];

/**
 * Every row of `table` with every listed column as PostgreSQL text (`::text`; json keeps its
 * exact text, jsonb its normalised one), read inside one transaction under fixed output settings.
 */
export async function textRows(
  conn: Connection,
  table: string,
  columns: readonly string[],
): Promise<(string | null)[][]> {
  return conn.transaction(async (tx) => {
    for (const sql of TEXT_SETTINGS) await tx.query(sql.replace('set ', 'set local '));
    const list = columns.map((c, i) => `"${c}"::text as c${i}`).join(', ');
    const { rows } = await tx.query<Record<string, string | null>>(`select ${list} from ${table}`);
    return rows.map((row) => columns.map((_, i) => row[`c${i}`] ?? null));
  });
}

let scratchSeq = 0;

/**
 * Compares two row sets in SQL, both ways: `left EXCEPT ALL right` and `right EXCEPT ALL left`
 * over text columns in a scratch schema of `scratch`. Both lists are empty when the sets are equal
 * (duplicates counted, NULLs equal).
 */
export async function exceptBothWays(
  scratch: Connection,
  left: readonly (string | null)[][],
  right: readonly (string | null)[][],
  width: number,
): Promise<{ onlyLeft: (string | null)[][]; onlyRight: (string | null)[][] }> {
  const schema = `fid_cmp_${process.pid}_${++scratchSeq}`;
  const columns = Array.from({ length: width }, (_, i) => `c${i}`);
  await scratch.query(`create schema ${schema}`);
  try {
    for (const [name, rows] of [
      ['l', left],
      ['r', right],
    ] as const) {
      await scratch.query(`create table ${schema}.${name} (${columns.map((c) => `${c} text`).join(', ')})`);
      const perInsert = Math.max(1, Math.floor(20_000 / width));
      for (let start = 0; start < rows.length; start += perInsert) {
        const batch = rows.slice(start, start + perInsert);
        const params = batch.flat();
        const tuples = batch.map(
          (_, r) => `(${columns.map((_c, i) => `$${r * width + i + 1}::text`).join(', ')})`,
        );
        await scratch.query(`insert into ${schema}.${name} values ${tuples.join(', ')}`, params);
      }
    }
    const diff = async (a: string, b: string) => {
      const { rows } = await scratch.query<Record<string, string | null>>(
        `select * from ${schema}.${a} except all select * from ${schema}.${b}`,
      );
      return rows.map((row) => columns.map((c) => row[c] ?? null));
    };
    return { onlyLeft: await diff('l', 'r'), onlyRight: await diff('r', 'l') };
  } finally {
    await scratch.query(`drop schema ${schema} cascade`);
  }
}

/**
 * Reads `table` on both connections and compares the rows in SQL both ways (on `scratch`).
 *
 * @example
 * ```ts
 * expect(await compareTables(source, 'fj.src', target, 'fj.dst', ['id', 'doc'], source)).toEqual({ onlyLeft: [], onlyRight: [] });
 * ```
 */
export async function compareTables(
  left: Connection,
  leftTable: string,
  right: Connection,
  rightTable: string,
  columns: readonly string[],
  scratch: Connection = left,
): Promise<{ onlyLeft: (string | null)[][]; onlyRight: (string | null)[][] }> {
  const a = await textRows(left, leftTable, columns);
  const b = await textRows(right, rightTable, columns);
  return exceptBothWays(scratch, a, b, columns.length);
}
