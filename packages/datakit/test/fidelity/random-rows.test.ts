import { expect, it } from 'vitest';
import { forEachPair } from './fidelity-pairs.js';
import { randomRowsRoundTrip } from './random-rows.js';

const ROWS = Number(process.env.DATAKIT_FIDELITY_ROWS ?? 10_000);
const SEED = Number(process.env.DATAKIT_FC_SEED ?? 20_240_501);

await forEachPair('random rows of every supported type', (pair) => {
  // From PGlite, inserting the rows is the slow part: a fifth of them shows the same.
  const rows = () => (pair().sourceIsPglite ? Math.ceil(ROWS / 5) : ROWS);
  it(`arrive exactly (${ROWS} rows from PostgreSQL, ${Math.ceil(ROWS / 5)} from PGlite; EXCEPT ALL both ways, as text)`, async () => {
    const outcome = await randomRowsRoundTrip(pair().source, pair().target, rows(), SEED);
    expect(outcome).toEqual({ rows: rows(), loaded: rows(), rejects: [], onlySource: [], onlyTarget: [] });
  }, 600_000);
});
