import type { ColumnSchema, TableSchema } from '../../src/schema/table-schema.js';

/** A customer contract used by the pure drift and version tests; `change` edits a deep copy. */
export function customerTable(change: (table: TableSchema) => void = () => {}): TableSchema {
  const table: TableSchema = {
    schema: 'shop',
    name: 'customer',
    columns: [
      { name: 'customer_id', type: { kind: 'integer' }, nullable: false, generated: 'identity' },
      { name: 'email', type: { kind: 'varchar', length: 255 }, nullable: false },
      { name: 'full_name', type: { kind: 'text' }, nullable: true },
      {
        name: 'status',
        type: { kind: 'enum', enumName: 'customer_status', enumValues: ['new', 'active', 'closed'] },
        nullable: false,
        default: "'new'",
      },
      { name: 'balance', type: { kind: 'numeric', precision: 12, scale: 2 }, nullable: true, default: '0' },
      { name: 'created_at', type: { kind: 'timestamptz' }, nullable: false, default: 'now()' },
    ],
    primaryKey: { columns: ['customer_id'] },
    uniques: [{ name: 'customer_email_key', columns: ['email'] }],
    foreignKeys: [],
    indexes: [{ name: 'customer_name_idx', columns: ['full_name'], unique: false }],
    checks: [{ name: 'customer_balance_check', expression: 'balance >= 0' }],
  };
  const copy = structuredClone(table);
  change(copy);
  return copy;
}

/** The column named `name` of `table` (throws when missing, so a test cannot silently pass). */
export function column(table: TableSchema, name: string): ColumnSchema {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}
