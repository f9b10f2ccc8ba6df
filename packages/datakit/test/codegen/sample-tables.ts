import type { TableSchema } from '../../src/schema/table-schema.js';

/** PostgreSQL tables with every kind of column and constraint codegen handles, and mutual foreign keys. */
export function pgSampleTables(): TableSchema[] {
  return [
    {
      schema: 'shop',
      name: 'order',
      columns: [
        { name: 'order_id', type: { kind: 'bigint' }, nullable: false, generated: 'identity' },
        { name: 'customer_id', type: { kind: 'integer' }, nullable: false },
        {
          name: 'status',
          type: { kind: 'enum', enumName: 'order_status', enumValues: ['new', 'paid', "it's"] },
          nullable: false,
          default: "'new'::shop.order_status",
        },
        {
          name: 'total',
          type: { kind: 'numeric', precision: 10, scale: 2 },
          nullable: true,
          default: '0.00',
        },
        { name: 'placed_at', type: { kind: 'timestamptz', precision: 3 }, nullable: false, default: 'now()' },
        { name: 'local_time', type: { kind: 'timestamp' }, nullable: true },
        { name: 'tags', type: { kind: 'text', dimensions: 1 }, nullable: true },
        { name: 'geom', type: { kind: 'unknown', raw: 'point' }, nullable: true },
        { name: 'payload', type: { kind: 'bytea' }, nullable: true },
        {
          name: 'odd name',
          type: { kind: 'varchar', length: 20 },
          nullable: true,
          default: "'it''s'::character varying",
          comment: 'a */ comment',
        },
      ],
      primaryKey: { name: 'order_pkey', columns: ['order_id'] },
      uniques: [],
      foreignKeys: [
        {
          name: 'order_customer_id_fkey',
          columns: ['customer_id'],
          references: { schema: 'shop', table: 'customer', columns: ['customer_id'] },
          onDelete: 'cascade',
        },
      ],
      indexes: [{ name: 'order_placed_idx', columns: ['placed_at', 'status'], unique: false }],
      checks: [{ name: 'order_total_check', expression: 'CHECK ((total >= (0)::numeric))' }],
    },
    {
      schema: 'shop',
      name: 'customer',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: codegen must escape it inside sql``
      comment: 'Customers of the `shop` ${not a template}',
      columns: [
        { name: 'customer_id', type: { kind: 'integer' }, nullable: false },
        { name: 'email', type: { kind: 'varchar', length: 255 }, nullable: false },
        { name: 'code', type: { kind: 'char', length: 3 }, nullable: true },
        { name: 'manager_id', type: { kind: 'integer' }, nullable: true },
        { name: 'last_order_id', type: { kind: 'bigint' }, nullable: true },
        { name: 'active', type: { kind: 'boolean' }, nullable: false, default: 'true' },
        { name: 'score', type: { kind: 'double' }, nullable: true, default: '1.5' },
        { name: 'rank', type: { kind: 'smallint' }, nullable: true, default: '-1' },
        { name: 'ratio', type: { kind: 'real' }, nullable: true },
        { name: 'ref', type: { kind: 'uuid' }, nullable: true, default: 'gen_random_uuid()' },
        { name: 'born', type: { kind: 'date' }, nullable: true },
        { name: 'wake', type: { kind: 'time', precision: 0 }, nullable: true },
        { name: 'wait', type: { kind: 'interval' }, nullable: true },
        { name: 'doc', type: { kind: 'jsonb' }, nullable: true, default: "'{}'::jsonb" },
        { name: 'raw', type: { kind: 'json' }, nullable: true },
        { name: 'valid', type: { kind: 'tstzrange' }, nullable: true },
        { name: 'grid', type: { kind: 'integer', dimensions: 2 }, nullable: true },
        { name: 'amount', type: { kind: 'numeric' }, nullable: true },
      ],
      primaryKey: { columns: ['customer_id'] },
      uniques: [
        { name: 'customer_email_key', columns: ['email'] },
        { name: 'customer_code_manager_key', columns: ['code', 'manager_id'] },
      ],
      foreignKeys: [
        {
          name: 'customer_manager_fkey',
          columns: ['manager_id'],
          references: { table: 'customer', columns: ['customer_id'] },
          onDelete: 'set null',
        },
        {
          name: 'customer_last_order_fkey',
          columns: ['last_order_id'],
          references: { table: 'order', columns: ['order_id'] },
        },
      ],
      indexes: [{ name: 'customer_ref_idx', columns: ['ref'], unique: true }],
      checks: [],
    },
    {
      schema: 'shop',
      name: 'order_line',
      columns: [
        { name: 'order_id', type: { kind: 'bigint' }, nullable: false },
        { name: 'line_no', type: { kind: 'smallint' }, nullable: false },
        { name: 'text', type: { kind: 'text' }, nullable: true },
      ],
      primaryKey: { name: 'order_line_pkey', columns: ['order_id', 'line_no'] },
      uniques: [],
      foreignKeys: [
        {
          name: 'order_line_order_fkey',
          columns: ['order_id'],
          references: { table: 'order', columns: ['order_id'] },
        },
        {
          name: 'order_line_elsewhere_fkey',
          columns: ['line_no'],
          references: { schema: 'other', table: 'elsewhere', columns: ['id'] },
        },
      ],
      indexes: [],
      checks: [],
    },
    {
      schema: 'shop',
      name: 'integer',
      columns: [{ name: 'id', type: { kind: 'integer' }, nullable: false }],
      primaryKey: { name: 'integer_id_pk', columns: ['id'] },
      uniques: [],
      foreignKeys: [],
      indexes: [],
      checks: [],
    },
  ];
}

/** MySQL tables: raw spellings pick the exact builder. */
export function mysqlSampleTables(): TableSchema[] {
  return [
    {
      name: 'item',
      columns: [
        {
          name: 'id',
          type: { kind: 'bigint', raw: 'bigint(20) unsigned' },
          nullable: false,
          generated: 'identity',
        },
        { name: 'tiny', type: { kind: 'smallint', raw: 'tinyint(4)' }, nullable: true },
        { name: 'medium', type: { kind: 'integer', raw: 'mediumint(9)' }, nullable: true },
        { name: 'qty', type: { kind: 'integer', raw: 'int(11)' }, nullable: false, default: '0' },
        { name: 'flag', type: { kind: 'boolean', raw: 'tinyint(1)' }, nullable: false, default: '1' },
        {
          name: 'price',
          type: { kind: 'numeric', precision: 10, scale: 2, raw: 'decimal(10,2)' },
          nullable: true,
        },
        { name: 'weight', type: { kind: 'real', raw: 'float' }, nullable: true },
        { name: 'volume', type: { kind: 'double', raw: 'double' }, nullable: true },
        { name: 'name', type: { kind: 'varchar', length: 100, raw: 'varchar(100)' }, nullable: false },
        { name: 'code', type: { kind: 'char', length: 2, raw: 'char(2)' }, nullable: true },
        { name: 'notes', type: { kind: 'text', raw: 'longtext' }, nullable: true },
        {
          name: 'size',
          type: { kind: 'enum', enumValues: ['s', 'm', 'l'], raw: "enum('s','m','l')" },
          nullable: true,
          default: "'m'",
        },
        { name: 'made', type: { kind: 'date', raw: 'date' }, nullable: true },
        { name: 'at', type: { kind: 'time', precision: 0, raw: 'time' }, nullable: true },
        {
          name: 'created',
          type: { kind: 'timestamp', precision: 3, raw: 'datetime(3)' },
          nullable: false,
          default: 'current_timestamp(3)',
        },
        { name: 'touched', type: { kind: 'timestamptz', raw: 'timestamp' }, nullable: true },
        { name: 'attrs', type: { kind: 'json', raw: 'json' }, nullable: true },
        { name: 'hash', type: { kind: 'bytea', length: 16, raw: 'binary(16)' }, nullable: true },
        { name: 'blob', type: { kind: 'bytea', raw: 'mediumblob' }, nullable: true },
        { name: 'yr', type: { kind: 'smallint', raw: 'year(4)' }, nullable: true },
        { name: 'bits', type: { kind: 'unknown', raw: 'bit(8)' }, nullable: true },
        {
          name: 'tags',
          type: { kind: 'unknown', raw: "set('a','it''s')", enumValues: ['a', "it's"] },
          nullable: true,
        },
        { name: 'spot', type: { kind: 'unknown', raw: 'point' }, nullable: true },
      ],
      primaryKey: { name: 'PRIMARY', columns: ['id'] },
      uniques: [{ name: 'item_name_uq', columns: ['name'] }],
      foreignKeys: [],
      indexes: [{ name: 'item_code_idx', columns: ['code'], unique: false }],
      checks: [{ name: 'item_qty_check', expression: '`qty` >= 0' }],
    },
    {
      name: 'item_part',
      columns: [
        { name: 'item_id', type: { kind: 'bigint', raw: 'bigint(20) unsigned' }, nullable: false },
        { name: 'part_id', type: { kind: 'bigint', raw: 'bigint(20) unsigned' }, nullable: false },
      ],
      primaryKey: { name: 'PRIMARY', columns: ['item_id', 'part_id'] },
      uniques: [],
      foreignKeys: [
        {
          name: 'item_part_item_fk',
          columns: ['item_id'],
          references: { table: 'item', columns: ['id'] },
          onDelete: 'cascade',
        },
      ],
      indexes: [],
      checks: [],
    },
  ];
}
