import type { ColumnType } from '../schema/table-schema.js';
import { previewValue } from './rule-helpers.js';
import { stringType } from './text-rules.js';
import { rule, type ValueRule } from './value-rule.js';

const BITS = /^[01]*$/;

/**
 * Rules of bit(n) and bit varying(n) columns (Drizzle's `bit({ dimensions })` and custom types):
 * a string of 0s and 1s of exactly n bits (bit) or at most n (varbit).
 * @internal
 *
 * @example
 * ```ts
 * bitRules({ kind: 'bit', length: 8 }, 'bit(8)').map((r) => r.rule); // ['type:string', 'format:bit', 'bit-length:8']
 * ```
 */
export function bitRules(type: ColumnType, sqlType: string): ValueRule[] {
  const rules = [
    stringType(sqlType, "Use a string of 0s and 1s, e.g. (n >>> 0).toString(2).padStart(8, '0')."),
    rule(
      'format:bit',
      (ref) => `${ref(BITS)}.test(v)`,
      (v) => `is ${previewValue(v)}, not a string of 0s and 1s (${sqlType})`,
      "Use a string of 0s and 1s, e.g. (n >>> 0).toString(2).padStart(8, '0').",
    ),
  ];
  const n = type.length;
  if (n !== undefined) {
    const fixed = type.kind === 'bit';
    rules.push(
      rule(
        `bit-length:${n}`,
        fixed ? `v.length === ${n}` : `v.length <= ${n}`,
        (v) =>
          `has ${(v as string).length} bits, ${fixed ? 'not exactly' : 'more than'} the ${n} of ${sqlType}`,
        fixed ? `Pad it to ${n} bits (e.g. value.padStart(${n}, '0')).` : 'Shorten it, or widen the column.',
      ),
    );
  }
  return rules;
}
