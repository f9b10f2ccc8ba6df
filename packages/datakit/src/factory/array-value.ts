import type { ValueContext, ValueGenerator } from './value-context.js';

/**
 * A generator of PostgreSQL arrays of `depth` dimensions with 1 to 3 elements in each, made by
 * `element`. Several dimensions are rectangular (every sub-array of one level has the same
 * length), as PostgreSQL requires.
 *
 * @internal
 * @example
 * ```ts
 * arrayGenerator(2, ({ faker }) => faker.number.int(9))(context); // [[3, 1], [0, 7], [5, 5]]
 * ```
 */
export function arrayGenerator(depth: number, element: ValueGenerator): ValueGenerator {
  if (depth <= 1)
    return (context) => context.faker.helpers.multiple(() => element(context), { count: { min: 1, max: 3 } });
  const fill = (context: ValueContext, shape: readonly number[]): unknown[] => {
    const [length = 1, ...inner] = shape;
    return Array.from({ length }, () => (inner.length === 0 ? element(context) : fill(context, inner)));
  };
  return (context) =>
    fill(
      context,
      Array.from({ length: depth }, () => context.faker.number.int({ min: 1, max: 3 })),
    );
}
