const SEQUENCE = Symbol('datakit.sequence');

/**
 * A per-row numbered value for an override; see {@link sequence}.
 *
 * @example
 * ```ts
 * const codes: Sequence<string> = sequence((n) => `C-${n}`);
 * ```
 */
export interface Sequence<V> {
  readonly [SEQUENCE]: true;
  /** The value for row number `n` (`start` for the first row built). */
  readonly make: (n: number) => V;
  readonly start: number;
}

/**
 * A sequence override: row `i` (0-based, continuing across the steps of `changes`) gets
 * `make(start + i)`, with `start` 1 by default. Unique by construction when `make` is injective.
 *
 * @example
 * ```ts
 * factory(customer).build(3, { overrides: { email: sequence((n) => `user${n}@example.com`) } });
 * // emails user1@example.com, user2@example.com, user3@example.com
 * ```
 */
export function sequence<V>(make: (n: number) => V, options: { start?: number } = {}): Sequence<V> {
  return { [SEQUENCE]: true, make, start: options.start ?? 1 };
}

/**
 * Whether a value is a {@link Sequence}.
 *
 * @internal
 * @example
 * ```ts
 * isSequence(sequence((n) => n)); // true
 * ```
 */
export function isSequence(value: unknown): value is Sequence<unknown> {
  return typeof value === 'object' && value !== null && SEQUENCE in value;
}
