import type { DialectAdapter } from '../dialect-adapter.js';
import { quoteSqlString } from '../quote-sql-string.js';

/**
 * The PostgreSQL SQL family: `"double""quoted"` identifiers, `$n` placeholders, transactional DDL,
 * named enum types, schemas, `RETURNING` and `COPY`. PGlite shares it but has no COPY streams
 * (see {@link pgliteAdapter}).
 *
 * @example
 * ```ts
 * postgresAdapter.quoteTable({ schema: 'system_a', name: 'a"b' }); // "system_a"."a""b"
 * postgresAdapter.placeholder(2); // $2
 * postgresAdapter.quoteString("it's"); // 'it''s'
 * ```
 */
export const postgresAdapter: DialectAdapter = {
  family: 'postgresql',
  supportsTransactionalDdl: true,
  supportsCopy: true,
  supportsReturning: true,
  supportsEnumTypes: true,
  supportsSchemas: true,
  supportsWarehouse: true,
  supportsConcurrentTransactions: true,
  quoteIdentifier: (name) => `"${name.replaceAll('"', '""')}"`,
  // E'' makes backslashes mean the same whatever standard_conforming_strings says.
  quoteString: (value) =>
    value.includes('\\') ? `E${quoteSqlString(value.replaceAll('\\', '\\\\'))}` : quoteSqlString(value),
  quoteTable: (table) =>
    table.schema === undefined
      ? postgresAdapter.quoteIdentifier(table.name)
      : `${postgresAdapter.quoteIdentifier(table.schema)}.${postgresAdapter.quoteIdentifier(table.name)}`,
  placeholder: (index) => `$${index}`,
  typedPlaceholder: (index, sqlType) => `$${index}::${sqlType}`,
  castToText: (expression) => `(${expression})::text`,
};
