import { afterAll, beforeAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { runAgreementSuite } from './agreement-suite.js';
import { runDriftSuite } from './drift-suite.js';

await describeServer('mysql', 'drift', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('mysql', 'drift');
  });
  afterAll(async () => {
    await db?.drop();
  });
  runDriftSuite({ name: 'mysql', family: 'mysql', open: () => connect(db.url), schema: undefined });
  runAgreementSuite({ name: 'mysql', family: 'mysql', open: () => connect(db.url), schema: undefined });
});
