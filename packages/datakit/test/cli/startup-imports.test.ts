import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.js';

// The built CLI, as a user runs it (`npm run build` first).
const BIN = fileURLToPath(new URL('../../bin/datakit.js', import.meta.url));
const TRACKER = fileURLToPath(new URL('./fixtures/track-imports.mjs', import.meta.url));
const DRIVERS = ['pg', 'pg-copy-streams', 'mysql2', '@electric-sql/pglite'];
const dir = mkdtempSync(path.join(tmpdir(), 'datakit-imports-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built CLI with the import tracker; the packages it loaded, by name, and its exit code. */
async function packagesLoaded(args: string[]): Promise<{ code: number | null; packages: Set<string> }> {
  const file = path.join(dir, `${args.join('_').replace(/[^\w-]/g, '')}.txt`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TRACKER, BIN, ...args], {
      cwd: dir,
      stdio: 'ignore',
      env: { ...process.env, DATAKIT_TRACK_IMPORTS: file },
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
  const packages = new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []),
  );
  return { code, packages };
}

describe('commands start without the database drivers they do not use', () => {
  const cases = [['--help'], ...COMMANDS.map((c) => [c.name, '--help'])].map((args) => [
    args.join(' '),
    args,
  ]);
  it.each(cases)('datakit %s loads no driver', async (_name, args) => {
    const { code, packages } = await packagesLoaded(args as string[]);
    expect(code).toBe(0);
    expect(packages.has('commander')).toBe(true);
    expect(DRIVERS.filter((driver) => packages.has(driver))).toEqual([]);
  });

  it('datakit config (no connection) loads no driver, whatever the URLs', async () => {
    writeFileSync(
      path.join(dir, 'datakit.config.js'),
      `export default { warehouses: { main: { layers: {}, environments: {
        dev: { url: 'pglite://memory' }, prod: { url: 'postgres://etl@db.example:5432/dw' } } } } };`,
    );
    for (const env of ['dev', 'prod']) {
      const { code, packages } = await packagesLoaded(['config', '--env', env]);
      expect(code).toBe(0);
      expect(DRIVERS.filter((driver) => packages.has(driver))).toEqual([]);
    }
  });

  it('the tracker does see a driver a command loads (the test can fail)', async () => {
    const { code, packages } = await packagesLoaded([
      'introspect',
      'postgres://nobody@127.0.0.1:1/none',
      '--out',
      'x',
    ]);
    expect(code).toBe(1);
    expect(packages.has('pg')).toBe(true);
  });
});
