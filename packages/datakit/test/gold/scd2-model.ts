/** A version of the reference model: times are batch numbers, -Infinity / Infinity for open ends. */
export interface ModelVersion {
  key: number;
  name: string;
  tier: string | null;
  from: number;
  to: number;
  current: boolean;
  deleted: boolean;
  inferred: boolean;
}

/** One source row of a batch; `seq` orders two rows of one key (the greater wins). */
export interface BatchRow {
  id: number;
  name: string;
  tier: string | null;
  seq: number;
}

export type Mode = 'ignore' | 'close' | 'version';

/**
 * The SCD2 rules written plainly, one key at a time, for the property test to compare with:
 * latest row per key; a new key opens from the beginning of time; a key without a current version
 * that had versions re-opens at `at`; an inferred member is completed in place; a deleted or
 * changed current version is closed at `at` and a new one opened; keys missing from the batch are
 * handled by the delete mode (inferred members never count as missing).
 */
export function applyBatch(
  versions: ModelVersion[],
  batch: readonly BatchRow[],
  at: number,
  mode: Mode,
): void {
  const latest = new Map<number, BatchRow>();
  for (const row of batch) {
    const seen = latest.get(row.id);
    if (!seen || row.seq > seen.seq) latest.set(row.id, row);
  }
  const before = [...versions];
  for (const row of latest.values()) {
    const current = before.find((v) => v.key === row.id && v.current);
    const open = (from: number) =>
      versions.push({
        key: row.id,
        name: row.name,
        tier: row.tier,
        from,
        to: Infinity,
        current: true,
        deleted: false,
        inferred: false,
      });
    if (!current) {
      open(before.some((v) => v.key === row.id) ? at : -Infinity);
    } else if (current.inferred) {
      current.name = row.name;
      current.tier = row.tier;
      current.inferred = false;
    } else if (current.deleted || current.name !== row.name || current.tier !== row.tier) {
      current.to = at;
      current.current = false;
      open(at);
    }
  }
  if (mode === 'ignore') return;
  for (const v of before) {
    if (!v.current || v.deleted || v.inferred || latest.has(v.key)) continue;
    v.to = at;
    v.current = false;
    if (mode === 'version') versions.push({ ...v, from: at, to: Infinity, current: true, deleted: true });
  }
}

/** A fact referencing `key` before the batch: an inferred member when the key never had a version. */
export function inferMember(versions: ModelVersion[], key: number): void {
  if (versions.some((v) => v.key === key)) return;
  versions.push({
    key,
    name: '(inferred)',
    tier: null,
    from: -Infinity,
    to: Infinity,
    current: true,
    deleted: false,
    inferred: true,
  });
}
