import { checkExpression, generate } from '../values/value-rule.js';
import type { ColumnPlan } from './column-plan.js';

/**
 * Generates the `check(row)` function of a validator: straight-line code, one property read and
 * one chain of tests per column, no allocation. Unknown keys are found with a `for...in` over the
 * row and a `switch` on the known keys.
 * @internal
 *
 * @example
 * ```ts
 * const check = generateCheck(planColumns(customer, 'insert').plans, true);
 * check({ id: 1, email: 'a@b.c' }); // true
 * ```
 */
export function generateCheck(
  plans: readonly ColumnPlan[],
  rejectUnknown: boolean,
): (row: unknown) => boolean {
  return generate((ref) => {
    const lines = ["if (typeof row !== 'object' || row === null) return false;", 'let v;'];
    for (const plan of plans) {
      lines.push(`v = row[${JSON.stringify(plan.key)}];`);
      if (plan.generated) {
        lines.push('if (v !== undefined) return false;');
        continue;
      }
      const test = checkExpression(plan.rules, ref);
      lines.push(
        `if (v === undefined) {${plan.absent === 'ok' ? '' : ' return false; '}}` +
          ` else if (v === null) {${plan.nullable ? '' : ' return false; '}}` +
          (test ? ` else if (!(${test})) return false;` : ''),
      );
    }
    if (rejectUnknown) {
      const cases = plans.map((p) => `case ${JSON.stringify(p.key)}:`).join(' ');
      lines.push(`for (const k in row) { switch (k) { ${cases} break; default: return false; } }`);
    }
    lines.push('return true;');
    return `return function check(row) {\n  ${lines.join('\n  ')}\n};`;
  }) as (row: unknown) => boolean;
}
