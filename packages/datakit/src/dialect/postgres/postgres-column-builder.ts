import { tsString } from '../../format/ts-names.js';
import type { ColumnType } from '../../schema/table-schema.js';
import { type ColumnCode, RAW_TYPE } from '../column-code.js';
import type { ColumnBuilderContext } from '../family-codegen.js';
import { POSTGRES_CUSTOM_TYPES } from './postgres-custom-types.js';

/**
 * @internal The Drizzle `pg-core` builder for a column type: `numeric({ precision: 10, scale: 2 })`,
 * `timestamp({ withTimezone: true, precision: 3 })`, `text().array()`, a declared custom type
 * (`money()`, `int4range()`), or for a type Datakit has no kind for (`point`, a domain, an
 * extension's type) the raw pass-through `rawType({ sql: 'point' })` with `unmapped` set: every
 * generated column reads back as the same type, so the contract passes its own drift check.
 *
 * @example
 * ```ts
 * postgresColumnBuilder({ kind: 'timestamptz', precision: 3 }, context).builder; // 'timestamp({ withTimezone: true, precision: 3 })'
 * ```
 */
export function postgresColumnBuilder(type: ColumnType, context: ColumnBuilderContext): ColumnCode {
  const code = scalar(type, context);
  return { ...code, builder: code.builder + '.array()'.repeat(type.dimensions ?? 0) };
}

function scalar(type: ColumnType, context: ColumnBuilderContext): ColumnCode {
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
  if (type.kind === 'varbit' && type.length !== undefined)
    return { ...custom('varbit'), builder: `varbit({ length: ${type.length} })` };
  if (POSTGRES_CUSTOM_TYPES[type.kind]) return custom(type.kind);
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
      return plain(type.kind, options(precision));
    case 'interval':
      return plain('interval', options([...(type.fields ? [`fields: '${type.fields}'`] : []), ...precision]));
    case 'timestamptz':
      return plain('timestamp', options(['withTimezone: true', ...precision]));
    case 'timetz':
      return plain('time', options(['withTimezone: true', ...precision]));
    case 'inet':
    case 'cidr':
    case 'macaddr':
    case 'macaddr8':
      return plain(type.kind);
    case 'bit':
      return plain('bit', `{ dimensions: ${type.length ?? 1} }`);
    case 'enum': {
      const variable = type.enumName === undefined ? undefined : context.enumVariable(type.enumName);
      if (variable) return { builder: `${variable}()`, imports: [], customTypes: [] };
      return { ...plain('text'), unmapped: type.raw ?? 'enum without a type name' };
    }
    default: {
      // The spelling without array brackets: `.array()` adds the dimensions.
      const sql = (type.raw ?? type.kind).replace(/(\[\d*\])+$/, '');
      return {
        builder: `rawType({ sql: ${tsString(sql)} })`,
        imports: ['customType'],
        customTypes: [RAW_TYPE],
        unmapped: sql,
      };
    }
  }
}

function options(parts: string[]): string {
  return parts.length === 0 ? '' : `{ ${parts.join(', ')} }`;
}
