import { afterAll, beforeAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import type { TestDatabase } from '../support/servers.js';
import { createTestDatabase, describeServer, serverUrl } from '../support/servers.js';
import { runCancellerConformance } from './canceller-conformance.js';
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

  const runningIds = async (admin: Connection, marker: string): Promise<number[]> => {
    const { rows } = await admin.query<{ id: number }>(
      `select ID as id from information_schema.PROCESSLIST
        where COMMAND = 'Query' and INFO like ? and ID <> connection_id()`,
      [`%${marker}%`],
    );
    return rows.map((r) => Number(r.id));
  };
  runCancellerConformance({
    url: () => db.url,
    sleep: (marker) => `select 1 as \`${marker}\`, sleep(30)`,
    running: async (admin, marker) => (await runningIds(admin, marker)).length,
    interrupt: async (admin, marker) => {
      for (const id of await runningIds(admin, marker)) await admin.query('KILL QUERY ?', [id]);
    },
  });
});
