import type { ColumnType } from '../schema/table-schema.js';
import type { FamilyValues } from './family-values.js';
import { previewValue } from './rule-helpers.js';
import { rule, STRING, typeRule, type ValueRule } from './value-rule.js';

const INT_RANGES: Record<string, [bigint, bigint]> = {
  int1: [-128n, 127n],
  uint1: [0n, 255n],
  int2: [-32768n, 32767n],
  uint2: [0n, 65535n],
  int3: [-8388608n, 8388607n],
  uint3: [0n, 16777215n],
  int4: [-2147483648n, 2147483647n],
  uint4: [0n, 4294967295n],
  int8: [-9223372036854775808n, 9223372036854775807n],
  uint8: [0n, 18446744073709551615n],
};

/**
 * The range of an integer column as its SQL family says: int2/int4/int8 on PostgreSQL;
 * tinyint..bigint, signed or unsigned, on MySQL (named int1..int8 and uint1..uint8).
 * @internal
 *
 * @example
 * ```ts
 * integerRange({ kind: 'smallint' }, mysqlValues, 'tinyint unsigned'); // { name: 'uint1', min: 0n, max: 255n }
 * ```
 */
export function integerRange(
  type: ColumnType,
  values: FamilyValues,
  sqlType: string,
): { name: string; min: bigint; max: bigint } {
  const name = values.integerRange(type, sqlType);
  const [min, max] = INT_RANGES[name] as [bigint, bigint];
  return { name, min, max };
}

/**
 * Rules of smallint/integer/bigint columns: a safe integer number in the type's range, or a bigint
 * (Drizzle mode 'bigint') in the int8 range. MySQL ranges follow tinyint..bigint and `unsigned`.
 * @internal
 *
 * @example
 * ```ts
 * integerRules({ kind: 'integer' }, postgresValues, 'integer', 'number').map((r) => r.rule); // ['type:integer', 'integer-range:int4']
 * ```
 */
export function integerRules(
  type: ColumnType,
  values: FamilyValues,
  sqlType: string,
  representation: string,
): ValueRule[] {
  const { name, min, max } = integerRange(type, values, sqlType);
  const outside = (v: unknown) => `is ${previewValue(v)}, outside the range of ${sqlType} (${min} to ${max})`;
  const widen = 'Use a wider integer type in the contract (e.g. bigint), or fix the value at the source.';
  if (representation === 'bigint') {
    return [
      typeRule(
        'type:bigint',
        `a bigint (${sqlType}, Drizzle mode 'bigint')`,
        "typeof v === 'bigint'",
        "Pass BigInt(value) in the transform, or declare the column with mode: 'number'.",
      ),
      rule(`integer-range:${name}`, `v >= ${min}n && v <= ${max}n`, outside, widen),
    ];
  }
  const safe = BigInt(Number.MAX_SAFE_INTEGER);
  const rules = [
    typeRule(
      'type:integer',
      `an integer number (${sqlType})`,
      "typeof v === 'number' && Number.isInteger(v)",
      'Convert it in the transform (e.g. Number(value) or Math.round(value)), or change the column type in the contract.',
    ),
    rule(`integer-range:${name}`, `v >= ${min} && v <= ${max}`, outside, widen),
  ];
  if (min < -safe || max > safe) {
    rules.push(
      rule(
        'integer-range:safe',
        `v >= ${-safe} && v <= ${safe}`,
        (v) => `is ${previewValue(v)}, beyond the integers a JavaScript number holds exactly (±${safe})`,
        "Declare the column with mode: 'bigint' to carry 64-bit integers exactly.",
      ),
    );
  }
  return rules;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^(?:NaN|[+-]?Infinity)$/;

function integerDigits(type: ColumnType): number | undefined {
  const { precision, scale = 0 } = type;
  if (precision === undefined || scale < 0 || precision < scale) return undefined;
  return precision - scale;
}

/**
 * The pattern of a numeric column's decimal strings: plain decimals that fit precision and scale
 * (trailing zeros beyond the scale allowed), or any decimal for an unconstrained numeric.
 * @internal
 *
 * @example
 * ```ts
 * decimalPattern({ kind: 'numeric', precision: 4, scale: 2 }).test('12.340'); // true
 * ```
 */
export function decimalPattern(type: ColumnType): RegExp {
  const digits = integerDigits(type);
  if (digits === undefined) return DECIMAL;
  return new RegExp(`^[+-]?(?=\\.?\\d)0*\\d{0,${digits}}(?:\\.\\d{0,${type.scale ?? 0}}0*)?$`);
}

/**
 * Rules of numeric/decimal columns: a decimal string (Drizzle's default), a number or a bigint,
 * that fits the precision and scale. Trailing fractional zeros beyond the scale are accepted
 * (nothing is lost); other digits beyond it are not, so the database never rounds silently.
 * @internal
 *
 * @example
 * ```ts
 * numericRules({ kind: 'numeric', precision: 10, scale: 2 }, 'numeric(10, 2)', 'string').map((r) => r.rule);
 * // ['type:numeric', 'numeric-precision:10,2']
 * ```
 */
export function numericRules(type: ColumnType, sqlType: string, representation: string): ValueRule[] {
  const { precision, scale = 0 } = type;
  const limit = integerDigits(type);
  const shape =
    limit === undefined ? '' : ` (at most ${limit} digits before the decimal point and ${scale} after)`;
  const fitName = `numeric-precision:${precision},${scale}`;
  const fitHint = `Round it in the transform (e.g. Number(value).toFixed(${scale})), or widen the column in the contract.`;
  const fitProblem = (v: unknown) => `is ${previewValue(v)}, which does not fit ${sqlType}${shape}`;
  const rules: ValueRule[] = [];
  if (representation === 'number') {
    rules.push(
      typeRule(
        'type:number',
        `a number (${sqlType}, Drizzle mode 'number')`,
        "typeof v === 'number'",
        "Convert it with Number(value), or declare the column without mode: 'number' to pass decimal strings.",
      ),
    );
    if (limit !== undefined) {
      const bound = 10 ** limit - 0.5 * 10 ** -scale;
      rules.push(rule(fitName, `Math.abs(v) < ${bound}`, fitProblem, fitHint));
    }
    return rules;
  }
  if (representation === 'bigint') {
    rules.push(
      typeRule(
        'type:bigint',
        `a bigint (${sqlType}, Drizzle mode 'bigint')`,
        "typeof v === 'bigint'",
        "Pass BigInt(value), or declare the column without mode: 'bigint'.",
      ),
    );
    if (limit !== undefined) {
      const bound = 10n ** BigInt(limit);
      rules.push(rule(fitName, `v > -${bound}n && v < ${bound}n`, fitProblem, fitHint));
    }
    return rules;
  }
  const decimal = typeRule(
    'type:numeric',
    `a decimal string such as '12.50' (${sqlType})`,
    (ref) => `typeof v === 'string' && ${ref(DECIMAL)}.test(v)`,
    "Drizzle numeric columns take strings: use String(value) or value.toFixed(n), or declare the column with mode: 'number'.",
  );
  rules.push(decimal);
  if (limit !== undefined) {
    // The precision pattern only accepts plain decimals, so check() can skip the general pattern.
    decimal.checkTest = () => STRING;
    const fits = decimalPattern(type);
    rules.push(rule(fitName, (ref) => `${ref(fits)}.test(v)`, fitProblem, fitHint));
  }
  return rules;
}

/**
 * The type rule of real/double columns: a number.
 * @internal
 *
 * @example
 * ```ts
 * numberType('real').rule; // 'type:number'
 * ```
 */
export function numberType(sqlType: string): ValueRule {
  return typeRule(
    'type:number',
    `a number (${sqlType})`,
    "typeof v === 'number'",
    'Convert it with Number(value) in the transform.',
  );
}
