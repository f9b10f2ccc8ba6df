import type { ColumnType } from '../schema/table-schema.js';
import type { ColumnCode } from './custom-types.js';

/** @internal What a PostgreSQL builder needs from the module being generated. */
export interface PgBuilderContext {
  /** The variable of a declared enum, by its type name. */
  enumVariable(enumName: string): string | undefined;
  bigint: 'bigint' | 'number';
}

/**
 * @internal The Drizzle `pg-core` builder for a column type: `numeric({ precision: 10, scale: 2 })`,
 * `timestamp({ withTimezone: true, precision: 3 })`, `text().array()`. Unmappable types give
 * `text()` and `unmapped`.
 */
export function pgColumnBuilder(type: ColumnType, context: PgBuilderContext): ColumnCode {
  const code = scalar(type, context);
  return { ...code, builder: code.builder + '.array()'.repeat(type.dimensions ?? 0) };
}

function scalar(type: ColumnType, context: PgBuilderContext): ColumnCode {
  const plain = (name: string, args = ''): ColumnCode => ({
    builder: `${name}(${args})`,
    imports: [name],
    customTypes: [],
  });
  const custom = (name: string): ColumnCode => ({
    builder: `${name}()`,
    imports: ['customType'],
    customTypes: [name],
  });
  const precision = type.precision === undefined ? [] : [`precision: ${type.precision}`];
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'real':
    case 'boolean':
    case 'text':
    case 'uuid':
    case 'date':
    case 'json':
    case 'jsonb':
      return plain(type.kind);
    case 'bigint':
      return plain('bigint', `{ mode: '${context.bigint}' }`);
    case 'double':
      return plain('doublePrecision');
    case 'numeric':
      return plain(
        'numeric',
        options(
          type.precision === undefined ? [] : [`precision: ${type.precision}`, `scale: ${type.scale ?? 0}`],
        ),
      );
    case 'varchar':
    case 'char':
      return plain(type.kind, options(type.length === undefined ? [] : [`length: ${type.length}`]));
    case 'time':
    case 'timestamp':
    case 'interval':
      return plain(type.kind, options(precision));
    case 'timestamptz':
      return plain('timestamp', options(['withTimezone: true', ...precision]));
    case 'bytea':
    case 'tstzrange':
      return custom(type.kind);
    case 'enum': {
      const variable = type.enumName === undefined ? undefined : context.enumVariable(type.enumName);
      if (variable) return { builder: `${variable}()`, imports: [], customTypes: [] };
      return { ...plain('text'), unmapped: type.raw ?? 'enum without a type name' };
    }
    default:
      return { ...plain('text'), unmapped: type.raw ?? type.kind };
  }
}

function options(parts: string[]): string {
  return parts.length === 0 ? '' : `{ ${parts.join(', ')} }`;
}
