import { DatakitError } from '../errors/datakit-error.js';

/**
 * A parsed threshold such as `'> 0'`: the check fires when its failing count compares true.
 *
 * @example
 * ```ts
 * const t: Threshold = { text: '> 10', op: '>', value: 10 };
 * ```
 */
export interface Threshold {
  text: string;
  op: '>' | '>=' | '<' | '<=' | '=' | '!=';
  value: number;
}

const PATTERN = /^\s*(>=|<=|!=|<>|==|=|>|<)\s*(\d+(?:\.\d+)?)\s*$/;

/**
 * Parses `errorIf`/`warnIf` text: a comparison (`>`, `>=`, `<`, `<=`, `=`, `!=`) and a number of
 * failing rows. Anything else is a `USAGE` error naming the check, the option and an example.
 *
 * @example
 * ```ts
 * parseThreshold('> 10', { check: 'not-null(silver.customer.email)', option: 'warnIf' }); // { text: '> 10', op: '>', value: 10 }
 * parseThreshold('more than 3', where); // throws: write a comparison and a number, e.g. '> 0'
 * ```
 */
export function parseThreshold(
  text: string,
  where: { check: string; option: 'errorIf' | 'warnIf' },
): Threshold {
  const match = typeof text === 'string' ? PATTERN.exec(text) : null;
  if (!match) {
    throw new DatakitError(
      'USAGE',
      `Check "${where.check}": ${where.option} '${String(text)}' is not a threshold`,
      {
        hint: `Write a comparison and a number of failing rows, e.g. ${where.option}: '> 0', '>= 10' or '!= 0'.`,
        context: { rule: where.option },
      },
    );
  }
  const symbol = match[1] as string;
  const op = symbol === '<>' ? '!=' : symbol === '==' ? '=' : (symbol as Threshold['op']);
  return { text: `${op} ${match[2]}`, op, value: Number(match[2]) };
}

/**
 * Whether `count` crosses a threshold.
 *
 * @example
 * ```ts
 * crosses({ text: '> 0', op: '>', value: 0 }, 3); // true
 * ```
 */
export function crosses(threshold: Threshold, count: number): boolean {
  switch (threshold.op) {
    case '>':
      return count > threshold.value;
    case '>=':
      return count >= threshold.value;
    case '<':
      return count < threshold.value;
    case '<=':
      return count <= threshold.value;
    case '=':
      return count === threshold.value;
    case '!=':
      return count !== threshold.value;
  }
}
