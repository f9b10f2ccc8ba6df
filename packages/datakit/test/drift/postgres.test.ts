import { afterAll, beforeAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { runAgreementSuite } from './agreement-suite.js';
import { runDriftSuite } from './drift-suite.js';

await describeServer('postgres', 'drift', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres', 'drift');
  });
  afterAll(async () => {
    await db?.drop();
  });
  runDriftSuite({ name: 'postgres', family: 'postgresql', open: () => connect(db.url), schema: 'drift' });
  runAgreementSuite({ name: 'postgres', family: 'postgresql', open: () => connect(db.url), schema: 'agree' });
});
