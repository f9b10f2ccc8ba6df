import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { runAgreementSuite } from './agreement-suite.js';
import { runDriftSuite } from './drift-suite.js';

// A data directory, so every connect() shares the file's one PGlite instance.
const dir = mkdtempSync(join(tmpdir(), 'dk-drift-pglite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runDriftSuite({
  name: 'pglite',
  family: 'postgresql',
  open: () => connect(`pglite://${join(dir, 'data')}`),
  schema: 'drift',
});

runAgreementSuite({
  name: 'pglite',
  family: 'postgresql',
  open: () => connect(`pglite://${join(dir, 'data')}`),
  schema: 'agree',
});
