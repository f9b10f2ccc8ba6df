import type { Datakit } from './define-datakit.js';

/** The parts every version of a `Datakit` has: what a snapshot, a loader or a config check needs. */
export type DatakitShape = Pick<Datakit, 'name' | 'version' | 'keys' | 'schemaOf'>;

/**
 * Whether a value is a datakit made by `defineDatakit` (of this or another copy of the library,
 * so it checks the shape, not the class). @internal
 *
 * @example
 * ```ts
 * const found = Object.entries(await import(file)).filter(([, value]) => isDatakit(value));
 * ```
 */
export function isDatakit(value: unknown): value is DatakitShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.name === 'string' &&
    typeof v.version === 'string' &&
    Array.isArray(v.keys) &&
    typeof v.schemaOf === 'function'
  );
}
