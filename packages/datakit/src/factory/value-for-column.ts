import { DatakitError } from '../errors/datakit-error.js';
import { arrayGenerator } from './array-value.js';
import { bitGenerator } from './bit-value.js';
import { dateGenerator } from './date-value.js';
import { geometryGenerator } from './geometry-value.js';
import { networkGenerator } from './network-value.js';
import { numberGenerator } from './number-value.js';
import { rangeGenerator } from './range-value.js';
import { type Semantic, semanticOf } from './semantic-of.js';
import { fittedString } from './string-value.js';
import type { ColumnPlan } from './table-plan.js';
import { textTypeGenerator } from './text-type-value.js';
import type { ValueGenerator } from './value-context.js';

const NUMBER_KINDS = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double']);
const STRING_KINDS = new Set(['text', 'varchar', 'char']);
const DATE_KINDS = new Set(['date', 'time', 'timetz', 'timestamp', 'timestamptz', 'interval']);

/** Where a generator is compiled: the table and what else the row holds. @internal */
export interface ColumnSite {
  tableName: string;
  /** Row key of the row's creation-time column, so `updated_at` can come after it. */
  createdKey?: string;
}

function booleanGenerator(semantic: Semantic): ValueGenerator {
  const probability = semantic === 'active' ? 0.8 : semantic === 'flagged' ? 0.1 : 0.5;
  return ({ faker }) => faker.datatype.boolean({ probability });
}

function jsonGenerator(semantic: Semantic): ValueGenerator {
  if (semantic === 'tags')
    return ({ faker }) => faker.helpers.multiple(() => faker.word.noun(), { count: { min: 1, max: 3 } });
  return ({ faker }) => ({
    source: faker.word.noun(),
    score: faker.number.int({ min: 1, max: 100 }),
    tags: faker.helpers.multiple(() => faker.word.adjective(), { count: { min: 0, max: 2 } }),
  });
}

function unsupported(column: ColumnPlan, site: ColumnSite): ValueGenerator {
  return () => {
    throw new DatakitError(
      'UNSUPPORTED',
      `The factory cannot make values for column "${site.tableName}"."${column.name}" of type "${column.type.raw ?? column.runtime}"`,
      {
        hint: `Give it an override, e.g. build(n, { overrides: { ${column.key}: (i) => ... } }).`,
        context: { table: site.tableName, column: column.name },
      },
    );
  };
}

/**
 * Compiles the generator of realistic values for one column from its type and its name:
 * person names, emails, addresses, companies, products, prices within numeric(p, s), quantities,
 * dates in a window, enum members, uuids, JSON, arrays (rectangular at any depth); strings that
 * fit varchar/char length; and values in the text form PostgreSQL reads for network addresses,
 * bit strings, money, xml, text search, ranges and geometric types (custom columns included). A
 * type it does not know (a custom one) throws, naming the column and the override to give.
 *
 * @internal
 * @example
 * ```ts
 * const email = valueForColumn(plan.byKey.get('email')!, { tableName: 'customer' });
 * email({ index: 0, faker, row: {}, person, now }); // 'aaliyah.lind68@gmail.com'
 * ```
 */
export function valueForColumn(column: ColumnPlan, site: ColumnSite): ValueGenerator {
  const semantic = semanticOf(column.name, site.tableName);
  const { kind, enumValues, length } = column.type;
  if (column.runtime === 'array' && column.element) {
    let leaf = column.element;
    let depth = 1;
    for (; leaf.runtime === 'array' && leaf.element; depth++) leaf = leaf.element;
    return arrayGenerator(depth, valueForColumn(leaf, site));
  }
  // A custom column declared as an array type holds an array in a representation of its own.
  if ((column.type.dimensions ?? 0) > 0) return unsupported(column, site);
  if (enumValues && enumValues.length > 0) return ({ faker }) => faker.helpers.arrayElement(enumValues);
  if (column.runtime === 'json') return jsonGenerator(semantic);
  if (column.runtime === 'boolean' || kind === 'boolean') return booleanGenerator(semantic);
  if (column.runtime === 'buffer' || (kind === 'bytea' && column.runtime === 'custom'))
    return ({ faker }) => Buffer.from(faker.string.hexadecimal({ length: 32, prefix: '' }), 'hex');
  if (kind === 'uuid') return ({ faker }) => faker.string.uuid();
  if (STRING_KINDS.has(kind)) return fittedString(semantic, column);
  if (NUMBER_KINDS.has(kind)) return numberGenerator(semantic, column);
  if (DATE_KINDS.has(kind)) return dateGenerator(semantic, column, site.createdKey);
  if (kind === 'bytea' && column.runtime === 'string') {
    const size = Math.min(length ?? 1, 16);
    return ({ faker }) => faker.string.alphanumeric(size);
  }
  switch (kind) {
    case 'inet':
    case 'cidr':
    case 'macaddr':
    case 'macaddr8':
      return networkGenerator(kind);
    case 'bit':
    case 'varbit':
      return bitGenerator(column);
    case 'money':
    case 'xml':
    case 'tsvector':
    case 'tsquery':
      return textTypeGenerator(kind, semantic, column);
  }
  const special = rangeGenerator(column) ?? geometryGenerator(column.type.raw ?? '');
  if (special) return special;
  if ((column.type.raw ?? '').toLowerCase().startsWith('year')) return numberGenerator('year', column);
  if (column.runtime === 'number') return numberGenerator(semantic, column);
  return unsupported(column, site);
}

/**
 * The row key of the first timestamp-like column named like a creation time, if any.
 *
 * @internal
 * @example
 * ```ts
 * createdKeyOf(plan.columns, 'customer'); // 'createdAt'
 * ```
 */
export function createdKeyOf(columns: readonly ColumnPlan[], tableName: string): string | undefined {
  return columns.find((c) => DATE_KINDS.has(c.type.kind) && semanticOf(c.name, tableName) === 'createdAt')
    ?.key;
}
