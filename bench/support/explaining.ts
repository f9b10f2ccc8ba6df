// A connection that prints `EXPLAIN (ANALYZE, BUFFERS)` of each statement while `on()` says so:
// how a benchmark shows where the time of each statement goes.
import type { Connection, QueryResult } from '../../packages/datakit/src/dialect/connection.js';

const EXPLAINABLE = /^\s*(select|insert|update|delete|merge|with|create\s+temporary\s+table)\b/i;
const WRITES = /^\s*(insert|update|delete|merge|create)\b/i;

/** `conn`, with every explainable statement explained (writes once, under EXPLAIN ANALYZE) while `on()`. */
export function explaining(conn: Connection, on: () => boolean, print: (text: string) => void): Connection {
  const wrap = (c: Connection): Connection => ({
    dialect: c.dialect,
    target: c.target,
    stream: (sql, params, options) => c.stream(sql, params, options),
    close: () => c.close(),
    transaction: (fn) => c.transaction((tx) => fn(wrap(tx))),
    query: async <R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> => {
      if (!on() || !EXPLAINABLE.test(sql)) return c.query<R>(sql, params);
      const t0 = performance.now();
      const plan = await c.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers, costs off, timing on) ${sql}`,
        params,
      );
      const ms = performance.now() - t0;
      print(
        `---- ${ms.toFixed(0)} ms\n${sql.replace(/\s+/g, ' ').trim()}\n${params?.length ? `-- params ${JSON.stringify(params)}\n` : ''}${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`,
      );
      // A write ran under EXPLAIN ANALYZE already; a read runs again for its rows.
      if (WRITES.test(sql) || /^\s*with\b[\s\S]*\b(insert|update|delete)\b/i.test(sql))
        return { rows: [], rowCount: 0 };
      return c.query<R>(sql, params);
    },
  });
  return wrap(conn);
}
