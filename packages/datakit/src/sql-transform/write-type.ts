import type { DdlCompiler } from '../dialect/ddl-compiler.js';
import type { ColumnSchema } from '../schema/table-schema.js';
import type { TableAddress } from './resolve-table.js';

/**
 * The type a value is cast to before it is written to a column of `table`: the column's own type
 * (enums in the table's schema), except varchar(n)/char(n), which go through text: an explicit
 * cast would silently truncate, while assignment refuses a value that is too long.
 *
 * @example
 * ```ts
 * const cast = writeType(conn.dialect.createDdlCompiler(), { schema: 'silver', name: 'customer' });
 * cast({ name: 'email', type: { kind: 'varchar', length: 200 }, nullable: false }); // 'text'
 * ```
 * @internal
 */
export function writeType(ddl: DdlCompiler, table: TableAddress): (column: ColumnSchema) => string {
  return (column) => {
    if (column.type.kind === 'varchar' || column.type.kind === 'char')
      return column.type.dimensions ? 'text[]' : 'text';
    return ddl.renderType(column.type, {
      table: table.name,
      column: column.name,
      ...(table.schema === undefined ? {} : { schema: table.schema }),
    });
  };
}
