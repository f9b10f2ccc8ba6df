import { afterAll, beforeAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { TestDatabase } from '../support/servers.js';
import { createTestDatabase, describeServer, serverUrl } from '../support/servers.js';
import { runDialectConformance } from './conformance.js';

const secret = 'S3cret-dk-never-shown';

await describeServer('postgres', 'postgres dialect', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres', 'dialect');
  });
  afterAll(async () => {
    await db?.drop();
  });

  runDialectConformance({
    name: 'postgres',
    open: () => connect(db.url),
    schema: () => 'dk_conformance',
    badInput: () => {
      const wrong = new URL(serverUrl('postgres'));
      wrong.username = 'nobody_dk';
      wrong.password = secret;
      return {
        unreachableUrl: `postgres://postgres:${secret}@127.0.0.1:1/test`,
        wrongCredentialsUrl: wrong.toString(),
        user: 'nobody_dk',
        secret,
      };
    },
  });
});
