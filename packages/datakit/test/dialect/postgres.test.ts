import { afterAll, beforeAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { TestDatabase } from '../support/servers.js';
import { createTestDatabase, describeServer, serverUrl } from '../support/servers.js';
import { runCancellerConformance } from './canceller-conformance.js';
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

  runCancellerConformance({
    url: () => db.url,
    sleep: (marker) => `select 1 as "${marker}", pg_sleep(30)`,
    running: async (admin, marker) => {
      const { rows } = await admin.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where state = 'active' and query like $1 and pid <> pg_backend_pid()`,
        [`%${marker}%`],
      );
      return rows[0]?.n ?? 0;
    },
    interrupt: async (admin, marker) => {
      await admin.query(
        'select pg_cancel_backend(pid) from pg_stat_activity where query like $1 and pid <> pg_backend_pid()',
        [`%${marker}%`],
      );
    },
  });
});
