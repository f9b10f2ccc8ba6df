import { base, en, Faker } from '@faker-js/faker';

/**
 * A 32-bit FNV-1a hash of the parts, joined by a separator. Used to derive one independent random
 * stream per (seed, table, column), so adding a column or an override never shifts other values.
 *
 * @internal
 * @example
 * ```ts
 * hashParts(1, 'customer', 'email'); // the same number on every machine
 * ```
 */
export function hashParts(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A fresh English Faker seeded for one stream; never the global instance, so builds are isolated
 * and deterministic.
 *
 * @internal
 * @example
 * ```ts
 * const faker = seededFaker(1, 'customer', 'email');
 * faker.internet.email();
 * ```
 */
export function seededFaker(seed: number, ...parts: readonly (string | number)[]): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed([seed >>> 0, hashParts(...parts)]);
  return faker;
}

/** A small, fast, seedable PRNG (mulberry32) for null and reference picks. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  below(n: number): number;
}

/**
 * A mulberry32 stream seeded from the parts.
 *
 * @internal
 * @example
 * ```ts
 * const random = seededRandom(1, 'order', 'customer_id', 'null');
 * random.next() < 0.1; // null this time?
 * ```
 */
export function seededRandom(seed: number, ...parts: readonly (string | number)[]): Random {
  let state = hashParts(seed, ...parts);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, below: (n) => Math.floor(next() * n) };
}
