import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { runIntrospectionSuite } from './introspection-suite.js';

// A data directory, so every connect() shares the file's one PGlite instance.
const dir = mkdtempSync(join(tmpdir(), 'dk-introspect-pglite-'));
const url = `pglite://${join(dir, 'data')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runIntrospectionSuite({
  name: 'pglite',
  family: 'postgresql',
  open: () => connect(url),
  schema: () => 'shop',
  openCopy: async () => ({ conn: await connect(url), schema: 'shop_copy' }),
});
