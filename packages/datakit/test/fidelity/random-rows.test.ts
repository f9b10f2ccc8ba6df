import { expect, it } from 'vitest';
import { forEachPair } from './fidelity-pairs.js';
import { randomRowsRoundTrip } from './random-rows.js';

const ROWS = Number(process.env.DATAKIT_FIDELITY_ROWS ?? 10_000);
const SEED = Number(process.env.DATAKIT_FC_SEED ?? 20_240_501);

await forEachPair(`${ROWS} random rows of every supported type`, (pair) => {
  it('arrive exactly (EXCEPT ALL both ways, as text)', async () => {
    const outcome = await randomRowsRoundTrip(pair().source, pair().target, ROWS, SEED);
    expect(outcome).toEqual({ rows: ROWS, loaded: ROWS, rejects: [], onlySource: [], onlyTarget: [] });
  }, 600_000);
});
