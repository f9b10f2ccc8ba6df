/**
 * The plain, dialect-neutral description of a table. Contracts (Drizzle tables) are turned into
 * it, introspectors read it from a live catalog, DDL compilers write it, and drift/deploy diff two
 * of them. Every name in it is unquoted; quoting happens only when SQL is rendered.
 */

/**
 * Portable column type kinds. Each dialect maps them to and from its own SQL types.
 *
 * @example
 * ```ts
 * const kind: ColumnKind = 'varchar';
 * ```
 */
export type ColumnKind =
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'numeric'
  | 'real'
  | 'double'
  | 'boolean'
  | 'text'
  | 'varchar'
  | 'char'
  | 'uuid'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'timestamptz'
  | 'interval'
  | 'json'
  | 'jsonb'
  | 'bytea'
  | 'enum'
  | 'tstzrange'
  /** PostgreSQL `time with time zone`. */
  | 'timetz'
  | 'inet'
  | 'cidr'
  | 'macaddr'
  | 'macaddr8'
  /** PostgreSQL fixed-length bit string `bit(n)` (`length` bits). */
  | 'bit'
  /** PostgreSQL `bit varying(n)`. */
  | 'varbit'
  | 'money'
  | 'xml'
  | 'tsvector'
  | 'tsquery'
  | 'int4range'
  | 'int8range'
  | 'numrange'
  | 'tsrange'
  | 'daterange'
  /**
   * A type Datakit has no kind for; `raw` holds the database's own spelling. Values travel as the
   * database's text, unchanged (a raw pass-through), and drift compares the spelling.
   */
  | 'unknown';

/**
 * A column's type.
 *
 * @example
 * ```ts
 * const price: ColumnType = { kind: 'numeric', precision: 10, scale: 2 };
 * const status: ColumnType = { kind: 'enum', enumName: 'order_status', enumValues: ['new', 'paid'] };
 * ```
 */
export interface ColumnType {
  kind: ColumnKind;
  /** varchar/char length, bit/varbit length in bits, binary length in bytes. */
  length?: number;
  /** numeric precision, or fractional-second precision of time/timestamp types. */
  precision?: number;
  scale?: number;
  /** PostgreSQL enum type name (MySQL enums are inline and have none). */
  enumName?: string;
  /** Enum values, or the members of a MySQL `SET` (kind `unknown`). */
  enumValues?: readonly string[];
  /** PostgreSQL interval fields, e.g. `day to second`. */
  fields?: string;
  /** Array dimensions (PostgreSQL), 0 or absent for a scalar. */
  dimensions?: number;
  /** The type exactly as the database or Drizzle spells it, for messages and `unknown` kinds. */
  raw?: string;
}

/**
 * One column. `default` is a SQL expression, rendered as-is in DDL.
 *
 * @example
 * ```ts
 * const email: ColumnSchema = { name: 'email', type: { kind: 'varchar', length: 200 }, nullable: false };
 * ```
 */
export interface ColumnSchema {
  name: string;
  type: ColumnType;
  nullable: boolean;
  default?: string;
  /** Identity / auto-increment / serial: the database generates the value. */
  generated?: 'identity' | 'always';
  comment?: string;
}

/**
 * A primary key or unique constraint: its (optional) name and columns.
 *
 * @example
 * ```ts
 * const pk: KeyConstraint = { name: 'order_line_pkey', columns: ['order_id', 'line_no'] };
 * ```
 */
export interface KeyConstraint {
  name?: string;
  columns: readonly string[];
}

/**
 * A foreign key: its columns and the table and columns they reference.
 *
 * @example
 * ```ts
 * const fk: ForeignKeySchema = { columns: ['customer_id'], references: { table: 'customer', columns: ['customer_id'] }, onDelete: 'cascade' };
 * ```
 */
export interface ForeignKeySchema {
  name?: string;
  columns: readonly string[];
  references: { schema?: string; table: string; columns: readonly string[] };
  onDelete?: 'cascade' | 'restrict' | 'set null' | 'set default' | 'no action';
  onUpdate?: 'cascade' | 'restrict' | 'set null' | 'set default' | 'no action';
}

/**
 * An index: its name, columns and whether it is unique.
 *
 * @example
 * ```ts
 * const index: IndexSchema = { name: 'orders_customer_idx', columns: ['customer_id'], unique: false };
 * ```
 */
export interface IndexSchema {
  name: string;
  columns: readonly string[];
  unique: boolean;
}

/**
 * A check constraint: its name and SQL expression.
 *
 * @example
 * ```ts
 * const check: CheckSchema = { name: 'price_positive', expression: 'price > 0' };
 * ```
 */
export interface CheckSchema {
  name: string;
  /** SQL boolean expression, as written in the contract or read from the catalog. */
  expression: string;
}

/**
 * A table: columns and constraints.
 *
 * @example
 * ```ts
 * const customer: TableSchema = {
 *   schema: 'system_a', name: 'customer',
 *   columns: [{ name: 'customer_id', type: { kind: 'integer' }, nullable: false }],
 *   primaryKey: { columns: ['customer_id'] },
 *   uniques: [], foreignKeys: [], indexes: [], checks: [],
 * };
 * ```
 */
export interface TableSchema {
  /** PostgreSQL schema, or MySQL database; absent means the connection's default. */
  schema?: string;
  name: string;
  columns: ColumnSchema[];
  primaryKey?: KeyConstraint;
  uniques: KeyConstraint[];
  foreignKeys: ForeignKeySchema[];
  indexes: IndexSchema[];
  checks: CheckSchema[];
  comment?: string;
}
