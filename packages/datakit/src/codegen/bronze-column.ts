import type { Column } from 'drizzle-orm';
import type { ColumnType } from '../schema/table-schema.js';

/**
 * The `drizzle-orm/pg-core` builder of a bronze column and what it needs imported.
 *
 * @example
 * ```ts
 * const code: BronzeColumnCode = { builder: 'integer()', imports: ['integer'], datakitImports: [], customTypes: [] };
 * ```
 */
export interface BronzeColumnCode {
  /** `varchar({ length: 200 })`, `timestamp({ mode: 'string' })`, `bytea()` ... without `.notNull()`. */
  builder: string;
  /** Names to import from `drizzle-orm/pg-core`. */
  imports: string[];
  /** Names to import from the library (`tstzrange`). */
  datakitImports: string[];
  /** Custom types to declare in the module (keys of {@link BRONZE_CUSTOM_TYPES}). */
  customTypes: string[];
}

/**
 * The PostgreSQL column that holds a source column in bronze, chosen so its TypeScript value is
 * the source's (a MySQL `datetime` read as `Date` stays a `Date`, a `date` read as a string
 * stays a string): the generated transforms copy values without converting them. Integers widen
 * where MySQL's unsigned range needs it; enums become `text` (bronze checks no values); types
 * Datakit cannot map stay `text`.
 *
 * @example
 * ```ts
 * bronzeColumn(orders.order_date, { kind: 'timestamp', precision: 3 }).builder; // 'timestamp({ precision: 3 })'
 * ```
 */
export function bronzeColumn(column: Column, type: ColumnType): BronzeColumnCode {
  const dataType = column.dataType === 'array' ? baseDataType(column) : column.dataType;
  const code = scalar(type, dataType);
  const dimensions = type.dimensions ?? 0;
  return { ...code, builder: code.builder + '.array()'.repeat(dimensions) };
}

function baseDataType(column: Column): string {
  let base: unknown = column;
  while ((base as { dataType?: string }).dataType === 'array')
    base = (base as { baseColumn?: unknown }).baseColumn;
  return (base as { dataType?: string } | undefined)?.dataType ?? 'string';
}

function scalar(type: ColumnType, dataType: string): BronzeColumnCode {
  const unsigned = /\bunsigned\b/i.test(type.raw ?? '');
  const precision = type.precision === undefined ? [] : [`precision: ${type.precision}`];
  switch (type.kind) {
    case 'smallint':
      return plain(unsigned ? 'integer' : 'smallint');
    case 'integer':
      return unsigned && !/^mediumint/i.test(type.raw ?? '')
        ? plain('bigint', [`mode: 'number'`])
        : plain('integer');
    case 'bigint':
      return plain('bigint', [`mode: '${dataType === 'bigint' ? 'bigint' : 'number'}'`]);
    case 'numeric':
      return plain('numeric', [
        ...(type.precision === undefined
          ? []
          : [`precision: ${type.precision}`, `scale: ${type.scale ?? 0}`]),
        ...(dataType === 'number' || dataType === 'bigint' ? [`mode: '${dataType}'`] : []),
      ]);
    case 'real':
      return plain('real');
    case 'double':
      return plain('doublePrecision');
    case 'boolean':
      return plain('boolean');
    case 'varchar':
    case 'char':
      return type.length === undefined ? plain('text') : plain(type.kind, [`length: ${type.length}`]);
    case 'uuid':
      return plain('uuid');
    case 'date':
      return plain('date', dataType === 'date' ? [`mode: 'date'`] : []);
    case 'time':
      return plain('time', precision);
    case 'timestamp':
    case 'timestamptz':
      return plain('timestamp', [
        ...(type.kind === 'timestamptz' ? ['withTimezone: true'] : []),
        ...precision,
        ...(dataType === 'string' ? [`mode: 'string'`] : []),
      ]);
    case 'interval':
      return plain('interval');
    case 'json':
    case 'jsonb':
      return plain('jsonb');
    case 'bytea':
      // Drizzle reads MySQL binary/varbinary as (UTF-8 decoded) strings: bronze keeps what the row holds.
      if (dataType === 'string') return plain('text');
      return { builder: 'bytea()', imports: ['customType'], datakitImports: [], customTypes: ['bytea'] };
    case 'tstzrange':
      return { builder: 'tstzrange()', imports: [], datakitImports: ['tstzrange'], customTypes: [] };
    default:
      return plain('text');
  }
}

function plain(name: string, options: string[] = []): BronzeColumnCode {
  return {
    builder: `${name}(${options.length === 0 ? '' : `{ ${options.join(', ')} }`})`,
    imports: [name],
    datakitImports: [],
    customTypes: [],
  };
}

/**
 * Declarations of the custom types bronze columns may use.
 *
 * @example
 * ```ts
 * BRONZE_CUSTOM_TYPES.bytea; // "const bytea = customType<{ data: Uint8Array }>(...)"
 * ```
 */
export const BRONZE_CUSTOM_TYPES: Record<string, string> = {
  bytea: "const bytea = customType<{ data: Uint8Array }>({ dataType: () => 'bytea' });",
};
