import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, dialectFor } from '../../src/dialect/connect.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { runDialectConformance } from './conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'dk-pglite-'));
const dataDir = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A data directory rather than memory: every `open` then shares the one instance (PGlite costs
// seconds and hundreds of MB per instance), which is what the sharing test below relies on too.
runDialectConformance({
  name: 'pglite',
  open: () => connect(`pglite://${dataDir}`),
  schema: () => 'dk_conformance',
});

describe('pglite dialect', () => {
  it('shares one instance per data directory and closes it with the last connection', async () => {
    const a = await connect(`pglite://${dataDir}`);
    const b = await connect(`pglite://${join(dir, '.', 'data')}`);
    // A temporary table lives in one backend: b sees it only if a and b are the same instance.
    await a.query('create temporary table dk_session (id int)');
    await expect(b.query('select * from dk_session')).resolves.toMatchObject({ rowCount: 0 });
    await a.close();
    await a.close();
    await expect(b.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    await b.close();
    const c = await connect(`pglite://${dataDir}`);
    await expect(c.query('select * from dk_session')).rejects.toMatchObject({
      code: 'QUERY',
      context: { driverCode: '42P01' },
    });
    await c.close();
  });

  it('gives CONNECTION naming the path when the data directory cannot be opened', async () => {
    const file = join(dir, 'not-a-directory');
    writeFileSync(file, 'x');
    const error = await connect(`pglite://${file}`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatakitError);
    expect(error).toMatchObject({ code: 'CONNECTION', message: expect.stringContaining(file) });
  });

  it('picks the dialect from the URL scheme', () => {
    expect(dialectFor('pglite').adapter.supportsCopy).toBe(false);
    expect(dialectFor('postgres').adapter.supportsCopy).toBe(true);
    expect(dialectFor('mysql').adapter.quoteIdentifier('a`b')).toBe('`a``b`');
    expect(dialectFor('postgres').adapter.quoteTable({ schema: 's', name: 'a"b' })).toBe('"s"."a""b"');
  });
});
