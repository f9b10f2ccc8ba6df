function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `name` by edit distance (case- and underscore-insensitive), for
 * "did you mean" hints.
 *
 * @internal
 * @example
 * ```ts
 * nearestName('emial', ['id', 'email', 'name']); // 'email'
 * ```
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const simple = (s: string) => s.toLowerCase().replaceAll('_', '');
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(simple(name), simple(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
