import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { bronzeRows, expectedRows, insertSource, seedRows, toBronze } from './fixtures.js';
import { transferSuite } from './transfer-suite.js';

await describeServer('postgres', 'transfer PostgreSQL → PostgreSQL', () => {
  let sourceDb: TestDatabase;
  let warehouseDb: TestDatabase;
  let source: Connection;
  let warehouse: Connection;
  beforeAll(async () => {
    sourceDb = await createTestDatabase('postgres', 'transfer_src');
    warehouseDb = await createTestDatabase('postgres', 'transfer_dw');
    source = await connect(sourceDb.url);
    warehouse = await connect(warehouseDb.url);
  });
  afterAll(async () => {
    await source?.close();
    await warehouse?.close();
    await sourceDb?.drop();
    await warehouseDb?.drop();
  });

  transferSuite({ source: () => source, warehouse: () => warehouse });

  describe('parallel extraction', () => {
    it('reads primary-key ranges over several connections into one atomic load', async () => {
      await insertSource(source, seedRows(3000, 251));
      const result = await transfer({
        from: source,
        to: warehouse,
        transform: toBronze,
        disposition: 'replace',
        partitions: 4,
      });
      expect(result.partitions).toBe(4);
      expect(result.rows).toMatchObject({ read: 3250, loaded: 3250 });
      expect(await bronzeRows(warehouse)).toEqual(await expectedRows(source));
    });

    it('opens its own connections from URLs', async () => {
      const result = await transfer({
        from: sourceDb.url,
        to: warehouseDb.url,
        transform: toBronze,
        disposition: 'replace',
        partitions: 2,
      });
      expect(result.rows.loaded).toBe(250);
      expect(await bronzeRows(warehouse)).toEqual(await expectedRows(source));
    });
  });
});
