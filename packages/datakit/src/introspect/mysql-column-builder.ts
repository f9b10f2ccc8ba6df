import type { ColumnType } from '../schema/table-schema.js';
import { type ColumnCode, CUSTOM_TYPES } from './custom-types.js';
import { tsString } from './ts-names.js';

const TEXTS = new Set(['tinytext', 'text', 'mediumtext', 'longtext']);
const INTS: Record<string, string> = {
  tinyint: 'tinyint',
  smallint: 'smallint',
  mediumint: 'mediumint',
  int: 'int',
  integer: 'int',
};

/**
 * @internal The Drizzle `mysql-core` builder for a column type. The raw MySQL spelling picks the
 * exact builder (`mediumint`, `longtext`, `datetime` vs `timestamp`, `unsigned`); the portable
 * kind is the fallback. Unmappable types give `text()` and `unmapped`.
 */
export function mysqlColumnBuilder(type: ColumnType, bigintMode: 'bigint' | 'number'): ColumnCode {
  const raw = (type.raw ?? '').toLowerCase();
  const base = /^[a-z]+/.exec(raw)?.[0] ?? '';
  const unsigned = /\bunsigned\b/.test(raw) ? ['unsigned: true'] : [];
  const plain = (name: string, parts: string[] = []): ColumnCode => ({
    builder: `${name}(${parts.length === 0 ? '' : `{ ${parts.join(', ')} }`})`,
    imports: [name],
    customTypes: [],
  });
  const fsp = type.precision === undefined || type.precision === 0 ? [] : [`fsp: ${type.precision}`];
  if ((type.dimensions ?? 0) > 0) return { ...plain('text'), unmapped: type.raw ?? `${type.kind}[]` };
  switch (type.kind) {
    case 'smallint':
    case 'integer':
      return plain(INTS[base] ?? (type.kind === 'smallint' ? 'smallint' : 'int'), unsigned);
    case 'bigint':
      return plain('bigint', [`mode: '${bigintMode}'`, ...unsigned]);
    case 'numeric':
      return plain(
        'decimal',
        type.precision === undefined ? [] : [`precision: ${type.precision}`, `scale: ${type.scale ?? 0}`],
      );
    case 'real':
      return plain(base === 'double' || base === 'real' ? 'double' : 'float');
    case 'double':
      return plain('double');
    case 'boolean':
      return plain('boolean');
    case 'text':
      return plain(TEXTS.has(base) ? base : 'text');
    case 'varchar':
      return type.length === undefined
        ? { ...plain('text'), unmapped: type.raw ?? 'varchar without a length' }
        : plain('varchar', [`length: ${type.length}`]);
    case 'char':
      return plain('char', type.length === undefined ? [] : [`length: ${type.length}`]);
    case 'uuid':
      return plain('char', ['length: 36']);
    case 'date':
      return plain('date');
    case 'time':
      return plain('time', fsp);
    case 'timestamp':
      return plain('datetime', fsp);
    case 'timestamptz':
      return plain('timestamp', fsp);
    case 'json':
    case 'jsonb':
      return plain('json');
    case 'enum':
      return {
        builder: `mysqlEnum([${(type.enumValues ?? []).map(tsString).join(', ')}])`,
        imports: ['mysqlEnum'],
        customTypes: [],
      };
    case 'bytea':
      if ((base === 'binary' || base === 'varbinary') && type.length !== undefined)
        return plain(base, [`length: ${type.length}`]);
      if (CUSTOM_TYPES[base]?.family === 'mysql')
        return { builder: `${base}()`, imports: ['customType'], customTypes: [base] };
      return { builder: 'longblob()', imports: ['customType'], customTypes: ['longblob'] };
    default:
      return { ...plain('text'), unmapped: type.raw ?? type.kind };
  }
}
