import { describe } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { createTestDatabase, describeServer } from '../support/servers.js';

/** Opens the database a store suite runs on, and closes (and drops) it. */
export type OpenStoreDatabase = () => Promise<{ conn: Connection; close: () => Promise<void> }>;

/** Runs one store suite on an in-memory PGlite, then on a throwaway PostgreSQL database. */
export async function describeOnEachStore(
  title: string,
  database: string,
  suite: (open: OpenStoreDatabase) => void,
): Promise<void> {
  describe(`${title} [pglite]`, () => {
    suite(async () => {
      const conn = await connect('pglite://memory');
      return { conn, close: () => conn.close() };
    });
  });
  await describeServer('postgres', title, () => {
    suite(async () => {
      const db = await createTestDatabase('postgres', database);
      const conn = await connect(db.url);
      return {
        conn,
        close: async () => {
          await conn.close();
          await db.drop();
        },
      };
    });
  });
}
