import { afterAll, beforeAll, describe } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { qualitySuite } from './quality-suite.js';

describe('quality checks [pglite]', () => {
  let db: Connection;
  beforeAll(async () => {
    db = await connect('pglite://memory');
  });
  afterAll(async () => {
    await db?.close();
  });
  qualitySuite(() => db);
});
