import { previewValue, typeName } from './rule-helpers.js';

/** Registers a runtime helper for generated code and returns the identifier to call it by. @internal */
export type HelperRef = (helper: unknown) => string;

/**
 * One rule a non-null column value must pass. `test` renders a JavaScript boolean expression over
 * `v` (compiled once into the validator); `fail` says what is wrong and how to fix it.
 * @internal
 *
 * @example
 * ```ts
 * const isBoolean = typeRule('type:boolean', 'a boolean', "typeof v === 'boolean'", 'Use true or false.');
 * isBoolean.fail('Y').problem; // 'must be a boolean, got string "Y"'
 * ```
 */
export interface ValueRule {
  /** Stable rule name, e.g. `type:integer`, `max-length:200`, `numeric-precision:10,2`. */
  rule: string;
  test(ref: HelperRef): string;
  /** A cheaper expression for `check()`, valid only when every later rule of the column passes too. */
  checkTest?(ref: HelperRef): string;
  fail(value: unknown): { problem: string; hint: string };
  /** Array columns: the rules each non-null element must pass. */
  elements?: readonly ValueRule[];
}

/** The generated test of a plain string type. @internal */
export const STRING = "typeof v === 'string'";

/**
 * A rule from its name, test expression, problem text and fix.
 * @internal
 *
 * @example
 * ```ts
 * rule('finite', 'Number.isFinite(v)', (v) => `is ${v}`, 'Map NaN to null.');
 * ```
 */
export function rule(
  name: string,
  test: string | ((ref: HelperRef) => string),
  problem: (v: unknown) => string,
  hint: string,
): ValueRule {
  return {
    rule: name,
    test: typeof test === 'string' ? () => test : test,
    fail: (v) => ({ problem: problem(v), hint }),
  };
}

/**
 * A rule on the JavaScript type of a value, whose problem reads `must be <expected>, got <value>`.
 * @internal
 *
 * @example
 * ```ts
 * typeRule('type:string', 'a string (text)', STRING, 'Convert it with String(value).');
 * ```
 */
export function typeRule(
  name: string,
  expected: string,
  test: string | ((ref: HelperRef) => string),
  hint: string,
): ValueRule {
  return rule(name, test, (v) => `must be ${expected}, got ${typeName(v)} ${previewValue(v)}`, hint);
}

/**
 * Builds a function with `new Function`, giving the generated code its helpers as constants.
 * @internal
 *
 * @example
 * ```ts
 * const isEven = generate((ref) => `return (v) => ${ref((n: number) => n % 2 === 0)}(v);`) as (v: number) => boolean;
 * ```
 */
export function generate(render: (ref: HelperRef) => string): unknown {
  const helpers: unknown[] = [];
  const code = render((helper) => `h${helpers.push(helper) - 1}`);
  const constants = helpers.map((_, i) => `const h${i} = helpers[${i}];`).join('\n');
  return new Function('helpers', `${constants}\n${code}`)(helpers);
}

/**
 * The `check()` expression of a list of rules: their conjunction (using each `checkTest`).
 * @internal
 */
export function checkExpression(rules: readonly ValueRule[], ref: HelperRef): string {
  return rules.map((r) => `(${(r.checkTest ?? r.test)(ref)})`).join(' && ');
}

const ruleTests = new WeakMap<ValueRule, (value: unknown) => boolean>();

/**
 * One rule's full test as a function, compiled once (for explaining failures).
 * @internal
 */
export function ruleTest(target: ValueRule): (value: unknown) => boolean {
  let test = ruleTests.get(target);
  if (!test) {
    test = generate((ref) => `return (v) => (${target.test(ref)});`) as (value: unknown) => boolean;
    ruleTests.set(target, test);
  }
  return test;
}

/**
 * Compiles element rules into one function over an array of any depth (nested arrays are the
 * dimensions of a PostgreSQL array); `null` elements pass (PostgreSQL arrays may hold NULLs).
 * @internal
 */
export function compileElements(rules: readonly ValueRule[]): (values: readonly unknown[]) => boolean {
  return generate((ref) => {
    const test = rules.length === 0 ? 'true' : checkExpression(rules, ref);
    return `return function elements(a) {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === null) continue;
    if (Array.isArray(v)) { if (!elements(v)) return false; }
    else if (!(${test})) return false;
  }
  return true;
};`;
  }) as (values: readonly unknown[]) => boolean;
}
