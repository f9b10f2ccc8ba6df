import type { Semantic } from './semantic-of.js';
import type { ColumnPlan } from './table-plan.js';
import type { ValueGenerator } from './value-context.js';

interface Range {
  min: number;
  max: number;
}

const RANGES: Partial<Record<Semantic, Range>> = {
  price: { min: 1, max: 1000 },
  amount: { min: 1, max: 5000 },
  salary: { min: 20_000, max: 200_000 },
  quantity: { min: 1, max: 20 },
  age: { min: 18, max: 90 },
  rating: { min: 1, max: 5 },
  percent: { min: 0, max: 100 },
  year: { min: 1990, max: 2025 },
  measure: { min: 1, max: 500 },
  latitude: { min: -90, max: 90 },
  longitude: { min: -180, max: 180 },
};

const INT32 = 2_147_483_647;

/**
 * The values a column's type can hold (integer widths, unsigned, numeric precision, MySQL year).
 *
 * @internal
 * @example
 * ```ts
 * typeBounds(tinyintUnsignedColumn); // { min: 0, max: 255 }
 * ```
 */
export function typeBounds(column: ColumnPlan): Range {
  const raw = (column.type.raw ?? '').toLowerCase();
  const unsigned = column.unsigned;
  const signed = (bits: number): Range =>
    unsigned ? { min: 0, max: 2 ** bits - 1 } : { min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 };
  if (raw.startsWith('tinyint')) return signed(8);
  if (raw.startsWith('mediumint')) return signed(24);
  if (raw.startsWith('year')) return { min: 1901, max: 2155 };
  switch (column.type.kind) {
    case 'smallint':
      return signed(16);
    case 'integer':
      return unsigned ? { min: 0, max: 2 * INT32 + 1 } : { min: -INT32 - 1, max: INT32 };
    case 'numeric': {
      const { precision, scale = 0 } = column.type;
      if (precision === undefined) return { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
      const max = 10 ** (precision - scale) - 10 ** -scale;
      return { min: unsigned ? 0 : -max, max };
    }
    default:
      return { min: unsigned ? 0 : -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
  }
}

function decimalsOf(column: ColumnPlan, semantic: Semantic): number {
  if (column.type.kind === 'numeric')
    return column.type.scale ?? (column.type.precision === undefined ? 2 : 0);
  if (column.type.kind === 'real' || column.type.kind === 'double') {
    return semantic === 'latitude' || semantic === 'longitude' ? 6 : 2;
  }
  return 0;
}

/**
 * A generator of realistic numbers for an integer, numeric, real or double column: prices,
 * quantities, ages and so on by name, always inside the type's range and precision. Numeric
 * columns give strings with exactly `scale` decimals, as Drizzle does; bigint-mode columns give
 * bigints.
 *
 * @internal
 * @example
 * ```ts
 * numberGenerator('price', plan.byKey.get('unitPrice')!); // numeric(10, 2) → '123.45'
 * ```
 */
export function numberGenerator(semantic: Semantic, column: ColumnPlan): ValueGenerator {
  const bounds = typeBounds(column);
  const wanted = RANGES[semantic] ?? { min: 1, max: 1000 };
  let min = Math.max(wanted.min, bounds.min);
  let max = Math.min(wanted.max, bounds.max);
  if (min > max) {
    min = Math.max(0, bounds.min);
    max = bounds.max;
  }
  // A bigint holds no decimals (Drizzle's numeric mode 'bigint').
  const decimals = column.runtime === 'bigint' ? 0 : decimalsOf(column, semantic);
  if (decimals === 0) {
    const low = Math.ceil(min);
    const high = Math.floor(max);
    if (column.runtime === 'bigint') return ({ faker }) => BigInt(faker.number.int({ min: low, max: high }));
    if (column.runtime === 'string') return ({ faker }) => String(faker.number.int({ min: low, max: high }));
    return ({ faker }) => faker.number.int({ min: low, max: high });
  }
  const step = 10 ** -decimals;
  const low = Math.ceil(min / step) * step;
  const high = Math.floor(max / step) * step;
  const draw: ValueGenerator =
    high / step <= Number.MAX_SAFE_INTEGER
      ? ({ faker }) => faker.number.float({ min: low, max: high, fractionDigits: decimals }).toFixed(decimals)
      : manyDecimals(min, max, decimals);
  if (column.runtime === 'string') return draw;
  return (context) => Number(draw(context));
}

/**
 * Decimals too many for a float to carry exactly (numeric(20, 18)): an integer part below the
 * maximum's, then random digits, so the value stays inside the type however the bounds round.
 */
function manyDecimals(min: number, max: number, decimals: number): ValueGenerator {
  const low = Math.max(Math.floor(min), 0);
  const high = Math.max(low, Math.ceil(max) - 1);
  return ({ faker }) =>
    `${faker.number.int({ min: low, max: high })}.${faker.string.numeric({ length: decimals, allowLeadingZeros: true })}`;
}
