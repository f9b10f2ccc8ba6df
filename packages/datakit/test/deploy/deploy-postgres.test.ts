import { afterAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { deploySuite } from './deploy-suite.js';

let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
});

await describeServer('postgres', 'deploy', () => {
  deploySuite(async () => {
    db = await createTestDatabase('postgres', 'deploy');
    return connect(db.url);
  });
});
