/**
 * The plain, dialect-neutral description of a table. Contracts (Drizzle tables) are turned into
 * it, introspectors read it from a live catalog, DDL compilers write it, and drift/deploy diff two
 * of them. Every name in it is unquoted; quoting happens only when SQL is rendered.
 */

/** Portable column type kinds. Each dialect maps them to and from its own SQL types. */
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
  /** Fixed-length bit string (`length` bits): PostgreSQL `bit(n)`, MySQL `bit(n)`. */
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
  /** MySQL `YEAR`. */
  | 'year'
  /** MySQL `SET('a','b')`: `enumValues` holds the members. */
  | 'set'
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
  /** Enum values, or the members of a MySQL `SET`. */
  enumValues?: readonly string[];
  /** PostgreSQL interval fields, e.g. `day to second`. */
  fields?: string;
  /** Array dimensions (PostgreSQL), 0 or absent for a scalar. */
  dimensions?: number;
  /** The type exactly as the database or Drizzle spells it, for messages and `unknown` kinds. */
  raw?: string;
}

/** One column. `default` is a SQL expression, rendered as-is in DDL. */
export interface ColumnSchema {
  name: string;
  type: ColumnType;
  nullable: boolean;
  default?: string;
  /** Identity / auto-increment / serial: the database generates the value. */
  generated?: 'identity' | 'always';
  comment?: string;
}

export interface KeyConstraint {
  name?: string;
  columns: readonly string[];
}

export interface ForeignKeySchema {
  name?: string;
  columns: readonly string[];
  references: { schema?: string; table: string; columns: readonly string[] };
  onDelete?: 'cascade' | 'restrict' | 'set null' | 'set default' | 'no action';
  onUpdate?: 'cascade' | 'restrict' | 'set null' | 'set default' | 'no action';
}

export interface IndexSchema {
  name: string;
  columns: readonly string[];
  unique: boolean;
}

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
