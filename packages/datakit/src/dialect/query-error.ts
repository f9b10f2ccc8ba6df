import type { ErrorContext } from '../errors/datakit-error.js';
import { DatakitError } from '../errors/datakit-error.js';

/** The structured fields node-postgres and mysql2 errors carry. */
interface DriverErrorFields {
  code?: unknown;
  detail?: unknown;
  hint?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  schema?: unknown;
  sqlMessage?: unknown;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * A `DatakitError('QUERY')` for a failed statement: keeps the driver error as `cause`, and its
 * structured fields (`code`, `detail`, `table`, `column`, `constraint`) plus the SQL in `context`.
 *
 * @example
 * ```ts
 * try { await client.query(sql, params); } catch (err) { throw queryError(sql, err); }
 * ```
 */
export function queryError(sql: string, cause: unknown): DatakitError {
  if (cause instanceof DatakitError) return cause;
  const fields: DriverErrorFields = cause !== null && typeof cause === 'object' ? cause : {};
  const message = cause instanceof Error ? cause.message : String(cause);
  const context: ErrorContext = { sql };
  const set = <K extends 'driverCode' | 'detail' | 'table' | 'column' | 'constraint' | 'schema'>(
    key: K,
    value: unknown,
  ) => {
    const s = str(value);
    if (s !== undefined) context[key] = s;
  };
  set('driverCode', fields.code);
  set('detail', fields.detail);
  set('schema', fields.schema);
  set('table', fields.table);
  set('column', fields.column);
  set('constraint', fields.constraint);
  const where = context.table ? ` on table "${context.table}"` : '';
  const hint = str(fields.hint) ?? 'Check the statement and the data against the table definition.';
  const detail = context.detail ? ` (${context.detail})` : '';
  return new DatakitError('QUERY', `Query failed${where}: ${message}${detail}`, { hint, context, cause });
}
