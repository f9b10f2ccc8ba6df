import { afterAll, beforeAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { runIntrospectionSuite } from './introspection-suite.js';

await describeServer('postgres', 'introspection', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres', 'introspect');
  });
  afterAll(async () => {
    await db?.drop();
  });
  runIntrospectionSuite({
    name: 'postgres',
    family: 'postgresql',
    open: () => connect(db.url),
    schema: () => 'shop',
    openCopy: async () => ({ conn: await connect(db.url), schema: 'shop_copy' }),
  });
});
