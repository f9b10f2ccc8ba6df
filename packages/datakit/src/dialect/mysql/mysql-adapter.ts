import type { DialectAdapter } from '../dialect-adapter.js';
import { quoteSqlString } from '../quote-sql-string.js';

/**
 * MySQL/MariaDB: `` `backtick` `` identifiers, `?` placeholders, no transactional DDL (DDL commits
 * implicitly), inline `ENUM(...)`, no `RETURNING` (MariaDB has it, MySQL does not), no COPY, and a
 * "schema" is a database.
 *
 * Type mapping to and from {@link ColumnKind} (DDL → introspection gives the same kind, except):
 * - `uuid` is stored as `char(36)` and reads back as `char(36)`;
 * - `jsonb` is stored as `json` and reads back as `json` (MariaDB's JSON is `longtext` with a
 *   `json_valid` check; the introspector recognizes it and hides that check);
 * - `timestamptz` is MySQL `TIMESTAMP` (stored as UTC, 1970-2038 only); `timestamp` is `DATETIME`;
 * - `numeric` without a precision becomes `decimal(65,30)` (MySQL's bare DECIMAL is (10,0));
 * - `smallint` reads back from `tinyint` as well; `boolean` is `tinyint(1)`;
 * - `text` is `longtext`; `bytea` is `longblob`, or `varbinary(n)` with a length;
 * - `year` is a `smallint` whose raw type is `year` (DDL writes `year`); `bit(n)`, `set(...)` and
 *   types Datakit does not map are kind `unknown` with their raw type, written back as is;
 * - `interval`, `tstzrange` and arrays have no MySQL type: DDL throws `UNSUPPORTED`.
 *
 * @example
 * ```ts
 * mysqlAdapter.quoteTable({ schema: 'shop', name: 'a`b' }); // `shop`.`a``b`
 * mysqlAdapter.quoteString('C:\\temp'); // 'C:\\\\temp'
 * ```
 */
export const mysqlAdapter: DialectAdapter = {
  family: 'mysql',
  supportsTransactionalDdl: false,
  supportsCopy: false,
  supportsReturning: false,
  supportsEnumTypes: false,
  supportsSchemas: false,
  supportsWarehouse: false,
  supportsConcurrentTransactions: true,
  quoteIdentifier: (name) => `\`${name.replaceAll('`', '``')}\``,
  // Unless NO_BACKSLASH_ESCAPES is set, MySQL reads a backslash in a string as an escape.
  quoteString: (value) => quoteSqlString(value.replaceAll('\\', '\\\\')),
  quoteTable: (table) =>
    table.schema === undefined
      ? mysqlAdapter.quoteIdentifier(table.name)
      : `${mysqlAdapter.quoteIdentifier(table.schema)}.${mysqlAdapter.quoteIdentifier(table.name)}`,
  placeholder: () => '?',
  // mysql2 sends parameters as text and MySQL converts them where compared.
  typedPlaceholder: () => '?',
  castToText: (expression) => `cast(${expression} as char)`,
};
