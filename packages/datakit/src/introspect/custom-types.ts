/**
 * @internal Column types Drizzle has no builder for, declared once at the top of a generated
 * module with `customType`. Without `config` the name is the SQL type; with it, `sql` is the
 * body of `dataType(config)`. Either way `fromDrizzle` reads the SQL type back unchanged.
 */
export const CUSTOM_TYPES: Record<
  string,
  { family: 'postgresql' | 'mysql'; data: string; config?: string; sql?: string }
> = {
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
  varbit: {
    family: 'postgresql',
    data: 'string',
    config: '{ length?: number }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source for generated modules
    sql: "config?.length === undefined ? 'bit varying' : `bit varying(${config.length})`",
  },
  blob: { family: 'mysql', data: 'Uint8Array' },
  tinyblob: { family: 'mysql', data: 'Uint8Array' },
  mediumblob: { family: 'mysql', data: 'Uint8Array' },
  longblob: { family: 'mysql', data: 'Uint8Array' },
  // Drizzle's own binary/varbinary read strings; these read the bytes.
  binary: {
    family: 'mysql',
    data: 'Uint8Array',
    config: '{ length: number }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source for generated modules
    sql: '`binary(${config?.length ?? 1})`',
  },
  varbinary: {
    family: 'mysql',
    data: 'Uint8Array',
    config: '{ length: number }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source for generated modules
    sql: '`varbinary(${config?.length ?? 1})`',
  },
  bit: {
    family: 'mysql',
    data: 'string',
    config: '{ length: number }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source for generated modules
    sql: '`bit(${config?.length ?? 1})`',
  },
  set: {
    family: 'mysql',
    data: 'string',
    config: '{ values: readonly string[] }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source for generated modules
    sql: "`set(${(config?.values ?? []).map((v) => `'${v.replaceAll(\"'\", \"''\")}'`).join(',')})`",
  },
  rawType: { family: 'mysql', data: 'string', config: '{ sql: string }', sql: "config?.sql ?? 'text'" },
};

/**
 * @internal The raw pass-through custom type of generated code (either dialect): a column of any
 * SQL type Datakit has no kind for, e.g. `rawType({ sql: 'point' })`, whose values travel as the
 * database's text and whose drift compares that spelling.
 *
 * @example
 * ```ts
 * const column: ColumnCode = { builder: `${RAW_TYPE}({ sql: 'point' })`, imports: ['customType'], customTypes: [RAW_TYPE] };
 * ```
 */
export const RAW_TYPE = 'rawType';

/** @internal The declaration of one custom type, e.g. `const bytea = customType<...>(...)`. */
export function customTypeDeclaration(name: string): string {
  const type = CUSTOM_TYPES[name];
  const data = type?.data ?? 'string';
  if (type?.config !== undefined) {
    return `const ${name} = customType<{ data: ${data}; config: ${type.config} }>({\n  dataType: (config) => ${type.sql},\n});`;
  }
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
  'sql',
  'defineDatakit',
  ...Object.keys(CUSTOM_TYPES),
];
