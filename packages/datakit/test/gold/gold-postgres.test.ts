import { afterAll, beforeAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { goldSuite } from './gold-suite.js';

await describeServer('postgres', 'gold', () => {
  let database: TestDatabase;
  let db: Connection;
  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'gold');
    db = await connect(database.url);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });
  goldSuite(() => db, {
    propertyRuns: Number(process.env.DATAKIT_SCD2_RUNS ?? 40),
    concurrent: () => connect(database.url),
  });
});
