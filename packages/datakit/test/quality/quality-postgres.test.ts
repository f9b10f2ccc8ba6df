import { afterAll, beforeAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { qualitySuite } from './quality-suite.js';

await describeServer('postgres', 'quality checks', () => {
  let database: TestDatabase;
  let db: Connection;
  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'quality');
    db = await connect(database.url);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });
  qualitySuite(() => db);
});
