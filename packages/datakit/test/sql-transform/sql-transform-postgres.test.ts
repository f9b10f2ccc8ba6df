import { afterAll, beforeAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { sqlTransformSuite } from './sql-transform-suite.js';

await describeServer('postgres', 'SQL transforms', () => {
  let database: TestDatabase;
  let db: Connection;
  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'sql_transform');
    db = await connect(database.url);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });
  sqlTransformSuite(() => db);
});
