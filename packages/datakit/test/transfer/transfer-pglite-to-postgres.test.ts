import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import {
  bronzeRows,
  createBronze,
  createSource,
  expectedRows,
  insertSource,
  seedRows,
  toBronze,
} from './fixtures.js';

// An embedded source read inside its own PGlite transaction while PostgreSQL takes the COPY.
await describeServer('postgres', 'transfer PGlite → PostgreSQL', () => {
  let warehouseDb: TestDatabase;
  let source: Connection;
  let warehouse: Connection;
  beforeAll(async () => {
    warehouseDb = await createTestDatabase('postgres', 'transfer_lite_dw');
    source = await connect('pglite://memory');
    warehouse = await connect(warehouseDb.url);
    await createSource(source);
    await createBronze(warehouse);
    await insertSource(source, seedRows(1200));
  });
  afterAll(async () => {
    await source?.close();
    await warehouse?.close();
    await warehouseDb?.drop();
  });

  it('loads and then merges incrementally', async () => {
    const first = await transfer({
      from: source,
      to: warehouse,
      transform: toBronze,
      disposition: 'merge',
      cursor: 'updated_at',
    });
    expect(first.rows).toMatchObject({ read: 1200, inserted: 1200 });
    await source.query(
      `update crm.customer set full_name = 'Changed', updated_at = '2031-01-01' where customer_id <= 3`,
    );
    const second = await transfer({
      from: source,
      to: warehouse,
      transform: toBronze,
      disposition: 'merge',
      cursor: 'updated_at',
    });
    expect(second.rows).toMatchObject({ read: 3, updated: 3 });
    expect(await bronzeRows(warehouse)).toEqual(await expectedRows(source));
  });
});
