// Writes src/store/schema.sql: the run store's schema as its migrations leave a fresh store
// (embedded PGlite, so no server is needed). `npm run store:dump` runs it; commit the result
// with the migration that changed it. test/store/store-schema.test.ts checks it is current.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { connect } from '../src/dialect/connect.js';
import { dumpStoreSchema } from '../src/store/dump-store-schema.js';
import { migrateStore } from '../src/store/migrate-store.js';
import { DEFAULT_STORE_SCHEMA } from '../src/store/store-schema.js';

const file = path.resolve(import.meta.dirname, '../src/store/schema.sql');
const conn = await connect('pglite://memory');
try {
  await migrateStore(conn, DEFAULT_STORE_SCHEMA);
  writeFileSync(file, await dumpStoreSchema(conn, DEFAULT_STORE_SCHEMA));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
} finally {
  await conn.close();
}
