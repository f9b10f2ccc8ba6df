import { DatakitError } from '../errors/datakit-error.js';
import { isoDate } from './date-value.js';
import { typeBounds } from './number-value.js';
import { semanticOf } from './semantic-of.js';
import type { ColumnPlan } from './table-plan.js';
import type { ValueGenerator } from './value-context.js';

const DAY = 86_400_000;
const INTEGER_KINDS = new Set(['smallint', 'integer', 'bigint']);

function prefixOf(tableName: string): string {
  return (tableName.replace(/[^a-z]/gi, '').slice(0, 3) || 'KEY').toUpperCase();
}

/**
 * The generator of sequential, unique values for a key column (a primary key or unique column
 * that is not a foreign key): integers count from 1, numeric keys likewise, text keys are
 * `CUS-000001`-style codes, date keys are consecutive days. Undefined where the ordinary
 * generator (uuids, emails, ...) plus the uniqueness check is better.
 *
 * @internal
 * @example
 * ```ts
 * keyGenerator(plan.byKey.get('customerId')!, 'customer')?.({ index: 0, ... }); // 1
 * ```
 */
export function keyGenerator(column: ColumnPlan, tableName: string): ValueGenerator | undefined {
  const { kind, length, enumValues } = column.type;
  if (enumValues && enumValues.length > 0) return undefined;
  const overflow = (n: number): never => {
    throw new DatakitError('USAGE', `Key column "${tableName}"."${column.name}" cannot hold ${n} rows`, {
      hint: 'Build fewer rows or widen the key type.',
      context: { table: tableName, column: column.name, value: n },
    });
  };
  if (INTEGER_KINDS.has(kind) || (kind === 'numeric' && !column.type.scale)) {
    const { max } = typeBounds(column);
    if (column.runtime === 'bigint') return ({ index }) => BigInt(index + 1);
    return ({ index }) => {
      const n = index + 1;
      if (n > max) overflow(n);
      return column.runtime === 'string' ? String(n) : n;
    };
  }
  if (kind === 'date') {
    return ({ index, now }) => {
      const day = new Date(Math.floor(now.getTime() / DAY) * DAY - 3 * 365 * DAY + index * DAY);
      return column.runtime === 'date' ? day : isoDate(day);
    };
  }
  if (
    (kind === 'text' || kind === 'varchar' || kind === 'char') &&
    ['none', 'code', 'title'].includes(semanticOf(column.name, tableName))
  ) {
    const prefix = prefixOf(tableName);
    return ({ index }) => {
      const n = String(index + 1);
      const code = `${prefix}-${n.padStart(6, '0')}`;
      if (length === undefined || code.length <= length) return code;
      return n.length <= length ? n.padStart(length, '0') : overflow(index + 1);
    };
  }
  return undefined;
}
