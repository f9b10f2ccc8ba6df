import { Column, is, Param, SQL, Table } from 'drizzle-orm';
import { InLayer } from './in-layer.js';

/**
 * The columns and tables an expression names, found by walking Drizzle's expression tree (no SQL
 * parsing): bare columns, columns inside `sql` templates and operators, tables named in subqueries.
 *
 * @example
 * ```ts
 * expressionColumns(sql`lower(trim(${customer.email}))`).columns; // [customer.email]
 * ```
 * @internal
 */
export function expressionColumns(value: unknown): { columns: Column[]; tables: (Table | InLayer)[] } {
  const columns: Column[] = [];
  const tables: (Table | InLayer)[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (is(v, Column)) {
      columns.push(v);
      return;
    }
    if (v instanceof InLayer || is(v, Table)) {
      tables.push(v);
      return;
    }
    if (is(v, Param)) return;
    if (is(v, SQL)) {
      for (const chunk of v.queryChunks) walk(chunk);
      return;
    }
    if (is(v, SQL.Aliased)) {
      walk(v.sql);
      return;
    }
    if (Array.isArray(v)) {
      for (const item of v) walk(item);
      return;
    }
    const wrapper = v as { getSQL?: () => unknown };
    if (typeof wrapper.getSQL === 'function') walk(wrapper.getSQL());
  };
  walk(value);
  return { columns, tables };
}
