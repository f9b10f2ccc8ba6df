import type { SqlFamily } from '../../src/dialect/dialect-adapter.js';
import type { ColumnSchema, TableSchema } from '../../src/schema/table-schema.js';

/**
 * Tables that must read back equal after `createTable` → `introspect`: a parent, and a table with
 * a column of every kind the SQL family can hold plus every kind of constraint. Defaults and
 * check expressions are written the way the catalog normalizes them.
 */
export function roundTripTables(family: SqlFamily, schema: string): TableSchema[] {
  const parent: TableSchema = {
    schema,
    name: 'dk_parent',
    columns: [
      { name: 'id', type: { kind: 'integer' }, nullable: false },
      { name: 'code', type: { kind: 'varchar', length: 20 }, nullable: false },
    ],
    primaryKey: family === 'mysql' ? { columns: ['id'] } : { name: 'dk_parent_pkey', columns: ['id'] },
    uniques: [{ name: 'dk_parent_code_key', columns: ['code'] }],
    foreignKeys: [],
    indexes: [],
    checks: [],
  };
  const kinds = family === 'mysql' ? mysqlColumns() : postgresColumns();
  const table: TableSchema = {
    schema,
    name: 'dk_kinds',
    comment: "every kind, it's here",
    columns: [
      ...kinds,
      { name: 'parent_id', type: { kind: 'integer' }, nullable: true, comment: 'the parent' },
      { name: 'parent_code', type: { kind: 'varchar', length: 20 }, nullable: true },
    ],
    primaryKey: family === 'mysql' ? { columns: ['id'] } : { name: 'dk_kinds_pkey', columns: ['id'] },
    uniques: [{ name: 'dk_kinds_varchar_char_key', columns: ['c_varchar', 'c_char'] }],
    foreignKeys: [
      {
        name: 'dk_kinds_code_fk',
        columns: ['parent_code'],
        references: { table: 'dk_parent', columns: ['code'] },
      },
      {
        name: 'dk_kinds_parent_fk',
        columns: ['parent_id'],
        references: { table: 'dk_parent', columns: ['id'] },
        onDelete: 'cascade',
        onUpdate: 'set null',
      },
    ],
    indexes: [
      { name: 'dk_kinds_date_idx', columns: ['c_date', 'c_integer'], unique: false },
      ...(family === 'mysql' ? [] : [{ name: 'dk_kinds_uuid_idx', columns: ['c_uuid'], unique: true }]),
    ],
    checks: [
      {
        name: 'dk_kinds_integer_check',
        expression: family === 'mysql' ? '`c_integer` >= 0' : '(c_integer >= 0)',
      },
    ],
  };
  return [parent, table];
}

function postgresColumns(): ColumnSchema[] {
  return [
    { name: 'id', type: { kind: 'bigint' }, nullable: false, generated: 'identity' },
    { name: 'c_always', type: { kind: 'integer' }, nullable: false, generated: 'always' },
    { name: 'c_smallint', type: { kind: 'smallint' }, nullable: true, default: "'-1'" },
    { name: 'c_integer', type: { kind: 'integer' }, nullable: false, default: '0' },
    { name: 'c_bigint', type: { kind: 'bigint' }, nullable: true },
    {
      name: 'c_numeric',
      type: { kind: 'numeric', precision: 12, scale: 2 },
      nullable: true,
      default: '0.00',
    },
    { name: 'c_numeric_free', type: { kind: 'numeric' }, nullable: true },
    { name: 'c_real', type: { kind: 'real' }, nullable: true },
    { name: 'c_double', type: { kind: 'double' }, nullable: true },
    { name: 'c_boolean', type: { kind: 'boolean' }, nullable: false, default: 'true' },
    { name: 'c_text', type: { kind: 'text' }, nullable: true, default: "'it''s'" },
    { name: 'c_varchar', type: { kind: 'varchar', length: 255 }, nullable: true },
    { name: 'c_varchar_free', type: { kind: 'varchar' }, nullable: true },
    { name: 'c_char', type: { kind: 'char', length: 3 }, nullable: true },
    { name: 'c_uuid', type: { kind: 'uuid' }, nullable: false, default: 'gen_random_uuid()' },
    { name: 'c_date', type: { kind: 'date' }, nullable: true },
    { name: 'c_time', type: { kind: 'time' }, nullable: true },
    { name: 'c_time3', type: { kind: 'time', precision: 3 }, nullable: true },
    { name: 'c_timestamp', type: { kind: 'timestamp' }, nullable: true },
    { name: 'c_timestamp3', type: { kind: 'timestamp', precision: 3 }, nullable: true },
    { name: 'c_timestamptz', type: { kind: 'timestamptz' }, nullable: false, default: 'now()' },
    { name: 'c_timestamptz0', type: { kind: 'timestamptz', precision: 0 }, nullable: true },
    { name: 'c_interval', type: { kind: 'interval' }, nullable: true },
    { name: 'c_json', type: { kind: 'json' }, nullable: true },
    { name: 'c_jsonb', type: { kind: 'jsonb' }, nullable: false, default: "'{}'" },
    { name: 'c_bytea', type: { kind: 'bytea' }, nullable: true },
    {
      name: 'c_enum',
      type: { kind: 'enum', enumName: 'dk_status', enumValues: ['new', "it's paid", 'a"b', 'back\\slash'] },
      nullable: false,
      default: "'new'",
    },
    {
      name: 'c_enum_array',
      type: {
        kind: 'enum',
        enumName: 'dk_status',
        enumValues: ['new', "it's paid", 'a"b', 'back\\slash'],
        dimensions: 1,
      },
      nullable: true,
    },
    { name: 'c_int_array', type: { kind: 'integer', dimensions: 1 }, nullable: true },
    { name: 'c_text_matrix', type: { kind: 'text', dimensions: 2 }, nullable: true },
    { name: 'c_tstzrange', type: { kind: 'tstzrange' }, nullable: true },
    { name: 'c_money', type: { kind: 'money', raw: 'money' }, nullable: true },
    { name: 'c_inet', type: { kind: 'inet', raw: 'inet' }, nullable: true },
    { name: 'c_bits', type: { kind: 'bit', length: 8, raw: 'bit(8)' }, nullable: true },
    { name: 'c_timetz', type: { kind: 'timetz', raw: 'time with time zone' }, nullable: true },
    { name: 'c_point', type: { kind: 'unknown', raw: 'point' }, nullable: true },
  ];
}

function mysqlColumns(): ColumnSchema[] {
  return [
    { name: 'id', type: { kind: 'bigint' }, nullable: false, generated: 'identity' },
    { name: 'c_smallint', type: { kind: 'smallint' }, nullable: true, default: '-1' },
    { name: 'c_integer', type: { kind: 'integer' }, nullable: false, default: '0' },
    { name: 'c_bigint', type: { kind: 'bigint' }, nullable: true },
    {
      name: 'c_numeric',
      type: { kind: 'numeric', precision: 12, scale: 2 },
      nullable: true,
      default: '0.00',
    },
    { name: 'c_real', type: { kind: 'real' }, nullable: true },
    { name: 'c_double', type: { kind: 'double' }, nullable: true },
    { name: 'c_boolean', type: { kind: 'boolean' }, nullable: false, default: '1' },
    { name: 'c_text', type: { kind: 'text' }, nullable: true, comment: "a 'quoted' comment" },
    { name: 'c_varchar', type: { kind: 'varchar', length: 255 }, nullable: true, default: "'it''s'" },
    { name: 'c_char', type: { kind: 'char', length: 3 }, nullable: true },
    { name: 'c_date', type: { kind: 'date' }, nullable: true },
    { name: 'c_time', type: { kind: 'time' }, nullable: true },
    { name: 'c_time3', type: { kind: 'time', precision: 3 }, nullable: true },
    { name: 'c_timestamp', type: { kind: 'timestamp' }, nullable: true },
    { name: 'c_timestamp3', type: { kind: 'timestamp', precision: 3 }, nullable: true },
    {
      name: 'c_timestamptz',
      type: { kind: 'timestamptz', precision: 6 },
      nullable: true,
      default: 'current_timestamp(6)',
    },
    { name: 'c_json', type: { kind: 'json' }, nullable: true },
    { name: 'c_bytea', type: { kind: 'bytea' }, nullable: true },
    { name: 'c_varbinary', type: { kind: 'bytea', length: 16 }, nullable: true },
    {
      name: 'c_enum',
      type: { kind: 'enum', enumValues: ['new', "it's paid", 'a"b', 'back\\slash'] },
      nullable: false,
      default: "'new'",
    },
  ];
}

/** Drops `raw` (each side spells types its own way) so two schemas compare by meaning. */
export function withoutRaw(tables: readonly TableSchema[]): TableSchema[] {
  return tables.map((table) => ({
    ...table,
    columns: table.columns.map((column) => {
      const { raw: _raw, ...type } = column.type;
      return { ...column, type };
    }),
  }));
}
