import { quoteSqlString } from '../dialect/quote-sql-string.js';
import type { ColumnSchema, ColumnType } from '../schema/table-schema.js';

/**
 * A short, dialect-neutral spelling of a column type for messages: `varchar(255)`,
 * `numeric(10,2)`, `enum order_status('new','paid')`, `integer[]`; an unmapped type shows its raw name.
 *
 * @example
 * ```ts
 * describeColumnType({ kind: 'numeric', precision: 10, scale: 2 }); // 'numeric(10,2)'
 * describeColumnType({ kind: 'enum', enumValues: ['a', 'b'] }); // "enum('a','b')"
 * ```
 */
export function describeColumnType(type: ColumnType): string {
  let text: string;
  switch (type.kind) {
    case 'varchar':
    case 'char':
    case 'bytea':
    case 'bit':
    case 'varbit':
      text = type.length === undefined ? type.kind : `${type.kind}(${type.length})`;
      break;
    case 'numeric':
      text = type.precision === undefined ? 'numeric' : `numeric(${type.precision},${type.scale ?? 0})`;
      break;
    case 'time':
    case 'timestamp':
    case 'timestamptz':
    case 'interval':
      text = type.precision === undefined ? type.kind : `${type.kind}(${type.precision})`;
      break;
    case 'enum': {
      const values = (type.enumValues ?? []).map(quoteSqlString).join(',');
      text = `enum${type.enumName ? ` ${type.enumName}` : ''}(${values})`;
      break;
    }
    case 'unknown':
      text = type.raw ?? 'unknown';
      break;
    default:
      text = type.kind;
  }
  return text + '[]'.repeat(type.dimensions ?? 0);
}

/**
 * A column as a message shows it: type, nullability and default.
 *
 * @example
 * ```ts
 * describeColumn({ name: 'email', type: { kind: 'varchar', length: 255 }, nullable: false });
 * // 'varchar(255) not null'
 * ```
 */
export function describeColumn(column: ColumnSchema): string {
  const parts = [describeColumnType(column.type), column.nullable ? 'null' : 'not null'];
  if (column.generated) parts.push(column.generated === 'always' ? 'generated always' : 'generated');
  else if (column.default !== undefined) parts.push(`default ${column.default}`);
  return parts.join(' ');
}
