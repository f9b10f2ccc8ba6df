import type { Connection, QueryResult, StreamOptions } from '../../dialect/connection.js';

/**
 * A connection whose transactions resolve unqualified table names in `schema` first
 * (`SET LOCAL search_path`, so pooled sessions and other tasks are untouched). Bridges
 * `transfer()`, which takes no target schema yet, to layer schemas.
 *
 * @example
 * ```ts
 * await transfer({ from, to: inSchema(warehouse, 'bronze'), source, target });
 * ```
 * @internal
 */
export function inSchema(conn: Connection, schema: string): Connection {
  const setPath = (tx: Connection) =>
    tx.query(`set local search_path to ${tx.dialect.adapter.quoteIdentifier(schema)}, public`);
  const scoped: Connection = {
    dialect: conn.dialect,
    target: conn.target,
    query: <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> =>
      conn.query<R>(sql, params),
    stream: <R = Record<string, unknown>>(
      sql: string,
      params?: readonly unknown[],
      options?: StreamOptions,
    ) => conn.stream<R>(sql, params, options),
    transaction: (fn) =>
      conn.transaction(async (tx) => {
        await setPath(tx);
        return fn(tx);
      }),
    close: () => conn.close(),
  };
  if (conn.copyFrom) scoped.copyFrom = (sql, chunks) => conn.copyFrom?.(sql, chunks) ?? Promise.resolve(0);
  if (conn.copyTo) scoped.copyTo = (sql) => conn.copyTo?.(sql) ?? (async function* () {})();
  return scoped;
}
