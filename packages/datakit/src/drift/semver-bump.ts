import semver, { type SemVer } from 'semver';
import { DatakitError } from '../errors/datakit-error.js';

/**
 * A semver bump level, weakest first.
 *
 * @example
 * ```ts
 * const bump: SemverBump = 'minor';
 * ```
 */
export type SemverBump = 'none' | 'patch' | 'minor' | 'major';

const RANK: Record<SemverBump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * Whether bump `a` is at least as strong as bump `b`.
 *
 * @example
 * ```ts
 * bumpCovers('minor', 'patch'); // true
 * ```
 */
export function bumpCovers(a: SemverBump, b: SemverBump): boolean {
  return RANK[a] >= RANK[b];
}

/**
 * The stronger of two bumps.
 *
 * @example
 * ```ts
 * maxBump('patch', 'major'); // 'major'
 * ```
 */
export function maxBump(a: SemverBump, b: SemverBump): SemverBump {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * The bump from one version to the next as consumers read it, or `downgrade`. Below 1.0.0, a
 * minor bump is a major one and a patch bump a minor one, as npm's caret ranges treat them
 * (`^0.2.3` accepts 0.2.x only). Between a pre-release and another pre-release or the release of the
 * same version (`1.0.0-rc.1` → `1.0.0`) anything may change, as semver allows: that counts as major.
 *
 * @example
 * ```ts
 * declaredBump('1.2.3', '2.0.0'); // 'major'
 * declaredBump('0.2.3', '0.3.0'); // 'major'
 * declaredBump('1.2.3', '1.2.3'); // 'none'
 * ```
 */
export function declaredBump(older: string, newer: string): SemverBump | 'downgrade' {
  const a = parseVersion(older);
  const b = parseVersion(newer);
  const order = semver.compare(a, b);
  if (order > 0) return 'downgrade';
  if (order === 0) return 'none';
  const sameRelease = a.major === b.major && a.minor === b.minor && a.patch === b.patch;
  if (b.major !== a.major || (a.prerelease.length > 0 && sameRelease)) return 'major';
  if (a.major === 0) return b.minor !== a.minor ? 'major' : 'minor';
  if (b.minor !== a.minor) return 'minor';
  return 'patch';
}

/**
 * The smallest version after `version` that `bump` gives, as {@link declaredBump} reads it (below
 * 1.0.0 a major bump is a minor one and a minor bump a patch one).
 *
 * @example
 * ```ts
 * nextVersion('1.2.3', 'minor'); // '1.3.0'
 * nextVersion('0.2.3', 'major'); // '0.3.0'
 * ```
 */
export function nextVersion(version: string, bump: SemverBump): string {
  const parsed = parseVersion(version);
  if (bump === 'none') return parsed.version;
  const effective = parsed.major === 0 ? (bump === 'major' ? 'minor' : 'patch') : bump;
  return semver.inc(parsed.version, effective) ?? parsed.version;
}

function parseVersion(version: string): SemVer {
  const parsed = semver.parse(version.trim());
  if (!parsed) {
    throw new DatakitError('CONTRACT', `Version "${version}" is not semver`, {
      hint: 'Use MAJOR.MINOR.PATCH, e.g. "1.0.0".',
    });
  }
  return parsed;
}
