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
  const order = compareParts(a, b);
  if (order > 0) return 'downgrade';
  if (order === 0) return 'none';
  if (b[0] !== a[0] || (a[3] !== '' && a[1] === b[1] && a[2] === b[2])) return 'major';
  if (a[0] === 0) return b[1] !== a[1] ? 'major' : 'minor';
  if (b[1] !== a[1]) return 'minor';
  return 'patch';
}

/**
 * The version `bump` gives after `version`, e.g. `nextVersion('1.2.3', 'minor')` → `1.3.0`.
 *
 * @example
 * ```ts
 * nextVersion('1.2.3', 'minor'); // '1.3.0'
 * ```
 */
export function nextVersion(version: string, bump: SemverBump): string {
  const [major, minor, patch] = parseVersion(version);
  const effective = major === 0 && bump !== 'none' ? (bump === 'major' ? 'minor' : 'patch') : bump;
  switch (effective) {
    case 'major':
      return `${major + 1}.0.0`;
    case 'minor':
      return `${major}.${minor + 1}.0`;
    case 'patch':
      return `${major}.${minor}.${patch + 1}`;
    default:
      return `${major}.${minor}.${patch}`;
  }
}

function parseVersion(version: string): [number, number, number, string] {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!match) {
    throw new DatakitError('CONTRACT', `Version "${version}" is not semver`, {
      hint: 'Use MAJOR.MINOR.PATCH, e.g. "1.0.0".',
    });
  }
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] ?? ''];
}

function compareParts(a: [number, number, number, string], b: [number, number, number, string]): number {
  for (let i = 0; i < 3; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  // A pre-release sorts before its release: 1.0.0-rc.1 < 1.0.0.
  if (a[3] === b[3]) return 0;
  if (a[3] === '') return 1;
  if (b[3] === '') return -1;
  return a[3] < b[3] ? -1 : 1;
}
