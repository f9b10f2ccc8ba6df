import { jsonbHolds, NotJson, sourceJsonText } from './pg-json-text.js';
import { isJsonValue, previewValue, typeName } from './rule-helpers.js';
import { rule, type ValueRule } from './value-rule.js';

/**
 * Parsed JSON the value rules accept beyond plain data: an unchanged value read from the source
 * (its text is written, so numbers beyond a double inside it are fine), and ±Infinity, which is
 * how a top-level JSON number beyond a double (`1e400`) parses; the encoder writes that one from
 * the source text, or rejects the row when it is not the source's value.
 */
function isSourceJson(value: unknown): boolean {
  return (
    value === Number.POSITIVE_INFINITY ||
    value === Number.NEGATIVE_INFINITY ||
    sourceJsonText(value) !== undefined
  );
}

/**
 * Rules of json and jsonb columns: a JSON value (plain data, or a value read from a json source
 * unchanged); jsonb also refuses U+0000 and unpaired surrogates, as PostgreSQL does, so such a
 * value is a reject of its row instead of an error that aborts the whole load.
 * @internal
 *
 * @example
 * ```ts
 * jsonRules('jsonb', 'jsonb').map((r) => r.rule); // ['type:json', 'jsonb-text']
 * ```
 */
export function jsonRules(kind: 'json' | 'jsonb', sqlType: string): ValueRule[] {
  const rules: ValueRule[] = [
    {
      ...rule(
        'type:json',
        (ref) => `(${ref(isJsonValue)}(v) || ${ref(isSourceJson)}(v))`,
        () => '',
        '',
      ),
      fail: (v) =>
        v instanceof NotJson
          ? {
              problem: `is not valid JSON: ${v.quoted()} (${v.reason})`,
              hint: 'Fix the value at the source, or declare the column as text in the contract.',
            }
          : {
              problem: `must be a JSON value (${sqlType}), got ${typeName(v)} ${previewValue(v)}`,
              hint: 'Store plain data only: convert Dates with toISOString(), bigints with String(), Maps with Object.fromEntries(), and remove cycles, NaN and functions.',
            },
    },
  ];
  if (kind === 'jsonb') {
    rules.push(
      rule(
        'jsonb-text',
        (ref) => `${ref(jsonbHolds)}(v)`,
        (v) =>
          `is ${previewValue(v)}, which holds the character \\u0000 or an unpaired surrogate: PostgreSQL's jsonb cannot store them (json can)`,
        "Remove them in the transform (e.g. text.replaceAll('\\u0000', '')), or declare the column as json.",
      ),
    );
  }
  return rules;
}
