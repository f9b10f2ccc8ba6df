import { afterAll, beforeAll, describe } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transferSuite } from './transfer-suite.js';

// One in-memory PGlite holds both the source schema and the warehouse: the transfer reads inside
// its own load transaction (PGlite is a single backend) and writes with batched INSERTs.
describe('transfer PGlite → PGlite (one instance)', () => {
  let db: Connection;
  beforeAll(async () => {
    db = await connect('pglite://memory');
  });
  afterAll(async () => {
    await db?.close();
  });

  transferSuite({ source: () => db, warehouse: () => db });
});
