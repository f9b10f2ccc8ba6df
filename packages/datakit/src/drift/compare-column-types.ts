import type { ColumnKind, ColumnType } from '../schema/table-schema.js';

/**
 * How a column type changed from `from` to `to`: `widened` when every `from` value fits `to`
 * (longer varchar, more numeric digits, integer → bigint, varchar → text), `narrowed` when some
 * may not, `retyped` when the kinds differ otherwise. Enum values are compared separately.
 *
 * @example
 * ```ts
 * const change: TypeChange = compareColumnTypes(contractType, liveType);
 * ```
 */
export type TypeChange = 'same' | 'widened' | 'narrowed' | 'retyped';

const INTEGER_RANK: Partial<Record<ColumnKind, number>> = { smallint: 1, integer: 2, bigint: 3 };
const FLOAT_RANK: Partial<Record<ColumnKind, number>> = { real: 1, double: 2 };
const STRING_KINDS: ReadonlySet<ColumnKind> = new Set(['char', 'varchar', 'text']);

/**
 * Compares two column types by capacity.
 *
 * @example
 * ```ts
 * compareColumnTypes({ kind: 'varchar', length: 50 }, { kind: 'varchar', length: 100 }); // 'widened'
 * compareColumnTypes({ kind: 'numeric', precision: 10, scale: 2 }, { kind: 'numeric', precision: 8, scale: 2 }); // 'narrowed'
 * compareColumnTypes({ kind: 'integer' }, { kind: 'text' }); // 'retyped'
 * ```
 */
export function compareColumnTypes(from: ColumnType, to: ColumnType): TypeChange {
  if ((from.dimensions ?? 0) !== (to.dimensions ?? 0)) return 'retyped';
  if (from.kind === to.kind) return compareSameKind(from, to);
  const intFrom = INTEGER_RANK[from.kind];
  const intTo = INTEGER_RANK[to.kind];
  if (intFrom !== undefined && intTo !== undefined) return compareCapacity(intFrom, intTo);
  const floatFrom = FLOAT_RANK[from.kind];
  const floatTo = FLOAT_RANK[to.kind];
  if (floatFrom !== undefined && floatTo !== undefined) return compareCapacity(floatFrom, floatTo);
  // char pads with blanks: only char → varchar/text keeps every value as it was.
  if (STRING_KINDS.has(from.kind) && STRING_KINDS.has(to.kind) && to.kind !== 'char') {
    const change = compareCapacity(stringCapacity(from), stringCapacity(to));
    return change === 'same' ? 'widened' : change;
  }
  return 'retyped';
}

function compareSameKind(from: ColumnType, to: ColumnType): TypeChange {
  switch (from.kind) {
    case 'varchar':
    case 'char':
    case 'bytea':
    case 'varbit':
      return compareCapacity(from.length ?? Number.POSITIVE_INFINITY, to.length ?? Number.POSITIVE_INFINITY);
    case 'bit':
      // bit(n) holds exactly n bits: another length holds none of the values.
      return (from.length ?? 1) === (to.length ?? 1) ? 'same' : 'retyped';
    case 'numeric':
      return compareNumeric(from, to);
    case 'time':
    case 'timetz':
    case 'timestamp':
    case 'timestamptz':
    case 'interval':
      // An unspecified precision means "the database default", which differs per dialect: no claim.
      if (from.precision === undefined || to.precision === undefined) return 'same';
      return compareCapacity(from.precision, to.precision);
    case 'unknown':
      return normalizeRaw(from.raw) === normalizeRaw(to.raw) ? 'same' : 'retyped';
    default:
      return 'same';
  }
}

function compareNumeric(from: ColumnType, to: ColumnType): TypeChange {
  const digits = (t: ColumnType) =>
    t.precision === undefined ? Number.POSITIVE_INFINITY : t.precision - (t.scale ?? 0);
  const scale = (t: ColumnType) => (t.precision === undefined ? Number.POSITIVE_INFINITY : (t.scale ?? 0));
  const integerPart = compareCapacity(digits(from), digits(to));
  const fraction = compareCapacity(scale(from), scale(to));
  if (integerPart === 'narrowed' || fraction === 'narrowed') return 'narrowed';
  if (integerPart === 'widened' || fraction === 'widened') return 'widened';
  return 'same';
}

function compareCapacity(from: number, to: number): TypeChange {
  if (to > from) return 'widened';
  if (to < from) return 'narrowed';
  return 'same';
}

function stringCapacity(type: ColumnType): number {
  return type.kind === 'text' || type.length === undefined ? Number.POSITIVE_INFINITY : type.length;
}

function normalizeRaw(raw: string | undefined): string {
  return (raw ?? '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .trim();
}
