/**
 * @internal Column types Drizzle has no builder for, declared once at the top of a generated
 * module with `customType`. The name is the SQL type, so `fromDrizzle` reads it back unchanged.
 */
export const CUSTOM_TYPES: Record<string, { family: 'postgresql' | 'mysql'; data: string }> = {
  bytea: { family: 'postgresql', data: 'Uint8Array' },
  tstzrange: { family: 'postgresql', data: 'string' },
  int4range: { family: 'postgresql', data: 'string' },
  int8range: { family: 'postgresql', data: 'string' },
  numrange: { family: 'postgresql', data: 'string' },
  tsrange: { family: 'postgresql', data: 'string' },
  daterange: { family: 'postgresql', data: 'string' },
  money: { family: 'postgresql', data: 'string' },
  xml: { family: 'postgresql', data: 'string' },
  tsvector: { family: 'postgresql', data: 'string' },
  tsquery: { family: 'postgresql', data: 'string' },
  varbit: { family: 'postgresql', data: 'string' },
  blob: { family: 'mysql', data: 'Uint8Array' },
  tinyblob: { family: 'mysql', data: 'Uint8Array' },
  mediumblob: { family: 'mysql', data: 'Uint8Array' },
  longblob: { family: 'mysql', data: 'Uint8Array' },
};

/**
 * @internal The raw pass-through custom type of generated code: a column of any SQL type Datakit has
 * no kind for, e.g. `rawType({ sql: 'point' })`, whose values travel as the database's text.
 *
 * @example
 * ```ts
 * customTypeDeclaration(RAW_TYPE); // 'const rawType = customType<{ data: string; config: { sql: string }; ... }>(...)'
 * ```
 */
export const RAW_TYPE = 'rawType';

/** @internal The declaration of one custom type, e.g. `const bytea = customType<...>(...)`. */
export function customTypeDeclaration(name: string): string {
  if (name === RAW_TYPE) {
    return `/** A type Datakit has no kind for: its values pass through as the database's text. */
const ${RAW_TYPE} = customType<{ data: string; config: { sql: string }; configRequired: true }>({
  dataType: (config) => config.sql,
});`;
  }
  if (name === 'varbit') {
    return `const varbit = customType<{ data: string; config: { length?: number } }>({
  dataType: (config) => (config?.length === undefined ? 'bit varying' : \`bit varying(\${config.length})\`),
});`;
  }
  const data = CUSTOM_TYPES[name]?.data ?? 'string';
  return `const ${name} = customType<{ data: ${data} }>({ dataType: () => '${name}' });`;
}

/** @internal What rendering one column needs besides its code. */
export interface ColumnCode {
  /** The builder chain without modifiers: `varchar({ length: 255 })`, `orderStatusEnum().array()`. */
  builder: string;
  /** Names to import from the dialect's `drizzle-orm/*-core` module. */
  imports: string[];
  /** Custom types to declare (keys of {@link CUSTOM_TYPES}). */
  customTypes: string[];
  /** Set when the type could not be mapped: the generated column is `text()`. */
  unmapped?: string;
  /** Set for a raw pass-through column (`rawType`): the type's SQL spelling, named in a warning. */
  passthrough?: string;
}

/** @internal Every builder name a generated module may import, reserved so table names never shadow one. */
export const BUILDER_NAMES = [
  'pgTable',
  'pgSchema',
  'pgEnum',
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'real',
  'doublePrecision',
  'boolean',
  'text',
  'varchar',
  'char',
  'uuid',
  'date',
  'time',
  'timestamp',
  'interval',
  'json',
  'jsonb',
  'customType',
  'primaryKey',
  'unique',
  'index',
  'uniqueIndex',
  'foreignKey',
  'check',
  'mysqlTable',
  'mysqlSchema',
  'mysqlEnum',
  'tinyint',
  'mediumint',
  'int',
  'decimal',
  'float',
  'double',
  'tinytext',
  'mediumtext',
  'longtext',
  'datetime',
  'binary',
  'varbinary',
  'year',
  'inet',
  'cidr',
  'macaddr',
  'macaddr8',
  'bit',
  RAW_TYPE,
  'sql',
  'defineDatakit',
  ...Object.keys(CUSTOM_TYPES),
];
