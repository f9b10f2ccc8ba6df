import { afterAll, beforeAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { TestDatabase } from '../support/servers.js';
import { createTestDatabase, describeServer, serverUrl } from '../support/servers.js';
import { runDialectConformance } from './conformance.js';

const secret = 'S3cret-dk-never-shown';

await describeServer('mysql', 'mysql dialect', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('mysql', 'dialect');
  });
  afterAll(async () => {
    await db?.drop();
  });

  runDialectConformance({
    name: 'mysql',
    open: () => connect(db.url),
    schema: () => db.name,
    badInput: () => {
      const wrong = new URL(serverUrl('mysql'));
      wrong.password = secret;
      return {
        unreachableUrl: `mysql://root:${secret}@127.0.0.1:1/test`,
        wrongCredentialsUrl: wrong.toString(),
        user: decodeURIComponent(wrong.username),
        secret,
      };
    },
  });
});
