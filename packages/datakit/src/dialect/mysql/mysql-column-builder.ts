import { tsString } from '../../format/ts-names.js';
import type { ColumnType } from '../../schema/table-schema.js';
import { type ColumnCode, RAW_TYPE } from '../column-code.js';
import { MYSQL_CUSTOM_TYPES } from './mysql-custom-types.js';

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
 * exact builder (`mediumint`, `longtext`, `datetime` vs `timestamp`, `year`, `unsigned`); the
 * portable kind is the fallback. Types Drizzle reads lossily or has no builder for become custom
 * types: binary/varbinary/blob as bytes, `bit(n)` as a string of n bits, `set(...)` as its text.
 * Any other type passes through as `rawType({ sql })` (a string holding the server's text) with
 * `unmapped` set, so it still matches the live column in a drift check.
 *
 * @example
 * ```ts
 * mysqlColumnBuilder({ kind: 'integer', raw: 'mediumint unsigned' }, 'bigint').builder; // 'mediumint({ unsigned: true })'
 * ```
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
  const custom = (name: string, config = ''): ColumnCode => ({
    builder: `${name}(${config})`,
    imports: ['customType'],
    customTypes: [name],
  });
  const passThrough = (): ColumnCode => ({
    ...custom(RAW_TYPE, `{ sql: ${tsString(type.raw ?? type.kind)} }`),
    unmapped: type.raw ?? type.kind,
  });
  const fsp = type.precision === undefined || type.precision === 0 ? [] : [`fsp: ${type.precision}`];
  if ((type.dimensions ?? 0) > 0) return passThrough();
  switch (type.kind) {
    case 'smallint':
    case 'integer':
      if (base === 'year') return plain('year');
      return plain(INTS[base] ?? (type.kind === 'smallint' ? 'smallint' : 'int'), unsigned);
    case 'bigint':
      return plain('bigint', [`mode: '${bigintMode}'`, ...unsigned]);
    case 'numeric':
      return plain('decimal', [
        ...(type.precision === undefined
          ? []
          : [`precision: ${type.precision}`, `scale: ${type.scale ?? 0}`]),
        ...unsigned,
      ]);
    case 'real':
      return plain(base === 'double' || base === 'real' ? 'double' : 'float');
    case 'double':
      return plain('double');
    case 'boolean':
      return plain('boolean');
    case 'text':
      return plain(TEXTS.has(base) ? base : 'text');
    case 'varchar':
      return type.length === undefined ? passThrough() : plain('varchar', [`length: ${type.length}`]);
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
        return custom(base, `{ length: ${type.length} }`);
      if (MYSQL_CUSTOM_TYPES[base] && base.endsWith('blob')) return custom(base);
      return custom('longblob');
    case 'unknown': {
      const bits = /^bit\((\d+)\)$/.exec(raw);
      if (bits) return custom('bit', `{ length: ${bits[1]} }`);
      if (base === 'set' && type.enumValues)
        return custom('set', `{ values: [${type.enumValues.map(tsString).join(', ')}] }`);
      return passThrough();
    }
    default:
      return passThrough();
  }
}
