import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { DatakitError } from '../../src/errors/datakit-error.js';

let root: string;

async function openError(dir: string): Promise<DatakitError> {
  const error = await connect(`pglite://${dir}`).then(
    async (conn) => {
      await conn.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatakitError);
  const message = (error as DatakitError).message;
  expect(message).not.toContain('undefined');
  expect(message).toContain(dir);
  return error as DatakitError;
}

describe('PGlite data directory paths', () => {
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dk-pglite-paths-'));
  });
  afterAll(async () => {
    await chmod(path.join(root, 'locked'), 0o700).catch(() => {});
    await rm(root, { recursive: true, force: true });
  });

  it('a path that is a file is refused: it is not a directory', async () => {
    const file = path.join(root, 'warehouse.db');
    await writeFile(file, 'not a database');
    const error = await openError(file);
    expect(error.message).toMatch(/is a file, not a directory/);
    expect(error.hint).toMatch(/directory/);
  });

  it('a path below a file is refused with the file named', async () => {
    const file = path.join(root, 'plain.txt');
    await writeFile(file, 'x');
    const error = await openError(path.join(file, 'warehouse'));
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a directory/);
  });

  it('a directory without read and write permission is refused with its mode', async () => {
    const dir = path.join(root, 'locked');
    await mkdir(dir);
    await chmod(dir, 0o000);
    const error = await openError(dir);
    expect(error.message).toMatch(/not readable and writable/);
    expect(error.hint).toMatch(/chmod/);
  });

  it('a directory of unrelated files is refused, not initialised as a database', async () => {
    const dir = path.join(root, 'documents');
    await mkdir(dir);
    await writeFile(path.join(dir, 'notes.txt'), 'keep me');
    const error = await openError(dir);
    expect(error.message).toMatch(/not a PGlite data directory/);
    expect(error.message).toContain('notes.txt');
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('an empty directory is created as a database, and opened again with its data', async () => {
    const dir = path.join(root, 'empty');
    await mkdir(dir);
    const first = await connect(`pglite://${dir}`);
    await first.query('create table kept (id int)');
    await first.query('insert into kept values (42)');
    await first.close();
    expect(await readdir(dir)).toContain('PG_VERSION');
    const again = await connect(`pglite://${dir}`);
    expect((await again.query<{ id: number }>('select id from kept')).rows).toEqual([{ id: 42 }]);
    await again.close();
  });

  it('a missing directory is created with its missing parents', async () => {
    const dir = path.join(root, 'new', 'nested', 'warehouse');
    const conn = await connect(`pglite://${dir}`);
    await conn.query('select 1');
    await conn.close();
    expect(await readdir(dir)).toContain('PG_VERSION');
  });
});
