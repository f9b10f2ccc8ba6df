import { afterAll, beforeAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { runIntrospectionSuite } from './introspection-suite.js';

await describeServer('mysql', 'introspection', () => {
  let db: TestDatabase;
  let copy: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('mysql', 'introspect');
    copy = await createTestDatabase('mysql', 'introspect_copy');
  });
  afterAll(async () => {
    await db?.drop();
    await copy?.drop();
  });
  runIntrospectionSuite({
    name: 'mysql',
    family: 'mysql',
    open: () => connect(db.url),
    schema: () => db.name,
    openCopy: async () => ({ conn: await connect(copy.url), schema: undefined }),
  });
});
