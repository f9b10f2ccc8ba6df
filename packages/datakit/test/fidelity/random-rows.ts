import fc from 'fast-check';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { rowArbitrary, rtCopy, rtSource } from '../transfer/value-arbitraries.js';
import { COLUMNS, createTables, insertRows } from '../transfer/value-roundtrip-suite.js';
import { compareTables } from './compare-tables.js';

/** What one random-rows run found: counts, and the rows that differ each way (empty when exact). */
export interface RandomRowsOutcome {
  rows: number;
  loaded: number;
  rejects: string[];
  onlySource: (string | null)[][];
  onlyTarget: (string | null)[][];
}

/**
 * The core comparison of the fidelity suite: `count` random rows of every supported type (seeded,
 * so every run and every machine sees the same rows), inserted without Datakit code, transferred
 * unchanged, and compared as text in SQL both ways (`EXCEPT ALL`).
 */
export async function randomRowsRoundTrip(
  source: Connection,
  target: Connection,
  count: number,
  seed: number,
): Promise<RandomRowsOutcome> {
  const rows = fc.sample(rowArbitrary, { numRuns: count, seed });
  await createTables(source);
  if (target !== source) await createTables(target);
  await insertRows(source, rows);
  const result = await transfer({ from: source, to: target, source: rtSource, target: rtCopy });
  const diff = await compareTables(source, 'rt_src.vals', target, 'rt_copy.vals', COLUMNS);
  return {
    rows: rows.length,
    loaded: result.rows.loaded,
    rejects: result.rejects.map((r) => r.message),
    onlySource: diff.onlyLeft.slice(0, 5),
    onlyTarget: diff.onlyRight.slice(0, 5),
  };
}
