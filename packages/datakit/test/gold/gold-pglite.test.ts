import { afterAll, beforeAll, describe } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { goldSuite } from './gold-suite.js';

describe('gold [pglite]', () => {
  let db: Connection;
  beforeAll(async () => {
    db = await connect('pglite://memory');
  });
  afterAll(async () => {
    await db?.close();
  });
  goldSuite(() => db, { propertyRuns: Number(process.env.DATAKIT_SCD2_RUNS ?? 25) });
});
