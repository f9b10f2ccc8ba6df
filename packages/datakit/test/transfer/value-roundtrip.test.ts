import { afterAll, beforeAll, describe } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { valueRoundTripSuite } from './value-roundtrip-suite.js';

await describeServer('postgres', 'values survive a transfer (COPY text)', () => {
  let testDb: TestDatabase;
  let db: Connection;
  beforeAll(async () => {
    testDb = await createTestDatabase('postgres', 'roundtrip');
    db = await connect(testDb.url);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });
  valueRoundTripSuite(() => db, Number(process.env.DATAKIT_FC_RUNS ?? 25));
});

describe('values survive a transfer (PGlite, text reads and INSERT parameters)', () => {
  let db: Connection;
  beforeAll(async () => {
    db = await connect('pglite://memory');
  });
  afterAll(async () => {
    await db?.close();
  });
  valueRoundTripSuite(() => db, Number(process.env.DATAKIT_FC_RUNS ?? 10));
});
